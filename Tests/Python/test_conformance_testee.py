"""The conformance testee speaks protobuf's conformance protocol correctly."""
import random
import subprocess

from conftest import frame, needs_shared, swift_binary, unframe
from random_messages import fill

pytestmark = needs_shared


def exchange(requests):
    import conformance_pb2

    data = b"".join(frame(r.SerializeToString()) for r in requests)
    result = subprocess.run([swift_binary("conformance-testee")], input=data, capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    return [conformance_pb2.ConformanceResponse.FromString(f) for f in unframe(result.stdout)]


def test_binary_round_trips_and_errors():
    import conformance_pb2
    import test_messages_proto2_pb2
    import test_messages_proto3_pb2

    rng = random.Random(3)
    messages = [fill(rng, test_messages_proto3_pb2.TestAllTypesProto3()) for _ in range(50)]
    messages += [fill(rng, test_messages_proto2_pb2.TestAllTypesProto2()) for _ in range(50)]
    requests = [conformance_pb2.ConformanceRequest(protobuf_payload=m.SerializeToString(),
                                                   message_type=m.DESCRIPTOR.full_name,
                                                   requested_output_format=conformance_pb2.PROTOBUF) for m in messages]
    requests.append(conformance_pb2.ConformanceRequest(protobuf_payload=b"\x0a\x09abc",
                                                       message_type="protobuf_test_messages.proto3.TestAllTypesProto3",
                                                       requested_output_format=conformance_pb2.PROTOBUF))
    requests.append(conformance_pb2.ConformanceRequest(json_payload="{}",
                                                       message_type="protobuf_test_messages.proto3.TestAllTypesProto3",
                                                       requested_output_format=conformance_pb2.PROTOBUF))
    responses = exchange(requests)
    assert len(responses) == len(requests)
    for message, response in zip(messages, responses):
        assert response.WhichOneof("result") == "protobuf_payload", response
        assert type(message).FromString(response.protobuf_payload) == message
    assert responses[-2].WhichOneof("result") == "parse_error"
    assert responses[-1].WhichOneof("result") == "protobuf_payload" and responses[-1].protobuf_payload == b""


def random_messages(seed, count=40):
    import test_messages_proto2_pb2
    import test_messages_proto3_pb2

    rng = random.Random(seed)
    messages = [fill(rng, test_messages_proto3_pb2.TestAllTypesProto3()) for _ in range(count)]
    return messages + [fill(rng, test_messages_proto2_pb2.TestAllTypesProto2()) for _ in range(count)]


def test_json_both_ways_against_python_protobuf():
    """Python's json_format writes what we read, and reads what we write, for random messages."""
    import conformance_pb2
    from google.protobuf import json_format

    messages = random_messages(5)
    requests = []
    texts = []
    for m in messages:
        try:
            texts.append(json_format.MessageToJson(m))
        except (json_format.SerializeToJsonError, TypeError):
            # Random well-known-type values out of their range have no JSON form: we must
            # refuse them as well (checked below).
            texts.append(None)
        requests.append(conformance_pb2.ConformanceRequest(json_payload=texts[-1] or "{}",
                                                           message_type=m.DESCRIPTOR.full_name,
                                                           requested_output_format=conformance_pb2.PROTOBUF))
        requests.append(conformance_pb2.ConformanceRequest(protobuf_payload=m.SerializeToString(),
                                                           message_type=m.DESCRIPTOR.full_name,
                                                           requested_output_format=conformance_pb2.JSON))
    responses = exchange(requests)
    assert sum(text is not None for text in texts) >= len(messages) // 2
    for index, message in enumerate(messages):
        from_json, to_json = responses[2 * index], responses[2 * index + 1]
        if texts[index] is None:
            assert to_json.WhichOneof("result") == "serialize_error", to_json
            continue
        assert from_json.WhichOneof("result") == "protobuf_payload", from_json
        assert type(message).FromString(from_json.protobuf_payload) == message
        assert to_json.WhichOneof("result") == "json_payload", to_json
        assert json_format.Parse(to_json.json_payload, type(message)()) == message, to_json.json_payload


def test_text_format_both_ways_against_python_protobuf():
    import conformance_pb2
    from google.protobuf import text_format

    messages = random_messages(7)
    requests = []
    for m in messages:
        requests.append(conformance_pb2.ConformanceRequest(text_payload=text_format.MessageToString(m),
                                                           message_type=m.DESCRIPTOR.full_name,
                                                           requested_output_format=conformance_pb2.PROTOBUF))
        requests.append(conformance_pb2.ConformanceRequest(protobuf_payload=m.SerializeToString(),
                                                           message_type=m.DESCRIPTOR.full_name,
                                                           requested_output_format=conformance_pb2.TEXT_FORMAT))
    responses = exchange(requests)
    for index, message in enumerate(messages):
        from_text, to_text = responses[2 * index], responses[2 * index + 1]
        assert from_text.WhichOneof("result") == "protobuf_payload", from_text
        assert type(message).FromString(from_text.protobuf_payload) == message
        assert to_text.WhichOneof("result") == "text_payload", to_text
        assert text_format.Parse(to_text.text_payload, type(message)()) == message, to_text.text_payload

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
    assert responses[-1].WhichOneof("result") == "skipped"

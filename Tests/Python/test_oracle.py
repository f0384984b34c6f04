"""Python's protobuf as a second implementation: random messages cross in both directions."""
import random
import subprocess

import pytest
from google.protobuf import json_format, text_format

from conftest import HAVE_SHARED, frame, needs_shared, swift_binary, unframe
from random_messages import fill

from testdata import editions_2023_pb2
from testdata import editions_2024_pb2
from testdata import everything_proto2_pb2
from testdata import everything_proto3_pb2
from testdata import imported_pb2

COUNT = 300
TYPES = [
    ("swiftgrpc.test.Everything3", everything_proto3_pb2.Everything3),
    ("swiftgrpc.test.Everything2", everything_proto2_pb2.Everything2),
    ("swiftgrpc.test.editions.Everything", editions_2023_pb2.Everything),
    ("swiftgrpc.test.editions2024.Sample", editions_2024_pb2.Sample),
]
# The conformance messages hold well-known types whose random values (any seconds, any type
# URL) have no JSON form, so JSON crosses with the project's own schemas.
JSON_TYPES = list(TYPES)
if HAVE_SHARED:
    import test_messages_proto2_pb2
    import test_messages_proto3_pb2

    TYPES += [
        ("protobuf_test_messages.proto3.TestAllTypesProto3", test_messages_proto3_pb2.TestAllTypesProto3),
        ("protobuf_test_messages.proto2.TestAllTypesProto2", test_messages_proto2_pb2.TestAllTypesProto2),
    ]


def oracle(*args, data=b""):
    result = subprocess.run([swift_binary("proto-oracle"), *args], input=data, capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.mark.parametrize("name,cls", TYPES, ids=[t[0] for t in TYPES])
def test_swift_encoded_messages_parse_in_python_and_back(name, cls):
    seed = 20261121
    frames = unframe(oracle("random", name, str(seed), str(COUNT)))
    assert len(frames) == 2 * COUNT
    reencoded = b""
    for index in range(COUNT):
        binary, text = frames[2 * index], frames[2 * index + 1].decode()
        from_binary = cls.FromString(binary)
        from_text = text_format.Parse(text, cls())
        assert from_binary == from_text, f"message {index}:\n{text}"
        reencoded += frame(from_binary.SerializePartialToString())
    # Python's encoding of the same messages decodes in Swift to values equal to the originals.
    assert oracle("check", name, str(seed), str(COUNT), data=reencoded).strip() == b"ok"


@pytest.mark.parametrize("name,cls", TYPES, ids=[t[0] for t in TYPES])
def test_python_encoded_messages_round_trip_through_swift(name, cls):
    rng = random.Random(7)
    originals = [fill(rng, cls()) for _ in range(COUNT)]
    frames = unframe(oracle("roundtrip", name, data=b"".join(frame(m.SerializePartialToString()) for m in originals)))
    assert len(frames) == COUNT
    for original, answer in zip(originals, frames):
        assert answer[:1] == b"K", answer[1:].decode()
        assert cls.FromString(answer[1:]) == original


@pytest.mark.parametrize("name,cls", JSON_TYPES, ids=[t[0] for t in JSON_TYPES])
def test_swift_json_parses_in_python_and_back(name, cls):
    seed = 20261201
    frames = unframe(oracle("random-json", name, str(seed), str(COUNT)))
    assert len(frames) == 2 * COUNT
    reencoded = b""
    for index in range(COUNT):
        binary, json = frames[2 * index], frames[2 * index + 1].decode()
        from_binary = cls.FromString(binary)
        from_json = json_format.Parse(json, cls())
        assert from_json == from_binary, f"message {index}:\n{json}"
        reencoded += frame(json_format.MessageToJson(from_json).encode())
    # Python's JSON for the same messages decodes in Swift to values equal to the originals.
    assert oracle("check-json", name, str(seed), str(COUNT), data=reencoded).strip() == b"ok"


@pytest.mark.parametrize("name,cls", JSON_TYPES, ids=[t[0] for t in JSON_TYPES])
def test_python_json_round_trips_through_swift(name, cls):
    rng = random.Random(13)
    originals = [fill(rng, cls()) for _ in range(COUNT)]
    data = b"".join(frame(json_format.MessageToJson(m).encode()) for m in originals)
    frames = unframe(oracle("roundtrip-json", name, data=data))
    assert len(frames) == COUNT
    for original, answer in zip(originals, frames):
        assert answer[:1] == b"K", answer[1:].decode()
        assert json_format.Parse(answer[1:].decode(), cls()) == original


@pytest.mark.parametrize("name,cls", TYPES[:2], ids=[t[0] for t in TYPES[:2]])
def test_unknown_fields_are_kept_byte_for_byte(name, cls):
    rng = random.Random(11)
    payloads = [fill(rng, cls()).SerializePartialToString() for _ in range(100)]
    frames = unframe(oracle("roundtrip", "swiftgrpc.test.imported.Nothing", data=b"".join(frame(p) for p in payloads)))
    assert [f[1:] for f in frames] == payloads


def test_known_and_unknown_fields_mixed_survive():
    # Everything3 read as ImportedMessage: field 1 is known (int32 both), field 2 arrives with
    # another wire type than declared and every other field is unknown; nothing may be lost.
    rng = random.Random(5)
    originals = [fill(rng, everything_proto3_pb2.Everything3()) for _ in range(100)]
    data = b"".join(frame(m.SerializePartialToString()) for m in originals)
    answers = unframe(oracle("roundtrip", "swiftgrpc.test.imported.ImportedMessage", data=data))
    for original, answer in zip(originals, answers):
        assert answer[:1] == b"K"
        assert everything_proto3_pb2.Everything3.FromString(answer[1:]) == original
        assert imported_pb2.ImportedMessage.FromString(answer[1:]).value == original.f_int32


def test_malformed_input_is_an_error_not_a_crash():
    cases = [b"\x08", b"\x0a\x05ab", b"\x00\x01", b"\x0f", b"\xff" * 11, b"\x72\x02\xc3\x28", b"\x0b\x08\x01"]
    frames = unframe(oracle("roundtrip", "swiftgrpc.test.Everything3", data=b"".join(frame(c) for c in cases)))
    assert len(frames) == len(cases)
    for case, answer in zip(cases, frames):
        assert answer[:1] == b"E", f"{case!r} decoded as {answer!r}"
        assert b"protobuf decoding failed" in answer


@pytest.mark.parametrize("name,cls", TYPES[2:], ids=[t[0] for t in TYPES[2:]])
def test_editions_wire_forms_match_python_byte_for_byte(name, cls):
    # Packed or expanded lists, delimited or length-prefixed messages, implicit or explicit
    # presence: decoders accept every form, so only the bytes show that each feature took effect.
    def without_maps(message):  # map order is not specified
        for field, value in message.ListFields():
            if field.message_type is None:
                continue
            if field.message_type.GetOptions().map_entry:
                message.ClearField(field.name)
            elif field.is_repeated if hasattr(field, "is_repeated") else field.label == field.LABEL_REPEATED:
                for element in value:
                    without_maps(element)
            else:
                without_maps(value)
        return message

    rng = random.Random(17)
    originals = [without_maps(fill(rng, cls())) for _ in range(COUNT)]
    frames = unframe(oracle("roundtrip", name, data=b"".join(frame(m.SerializePartialToString()) for m in originals)))
    for original, answer in zip(originals, frames):
        assert answer[1:] == original.SerializePartialToString(deterministic=True), str(original)


def test_editions_features_resolve_as_protoc_resolves_them():
    fields = editions_2023_pb2.Everything.DESCRIPTOR.fields_by_name
    everything = editions_2023_pb2.Everything(implicit_int=0, explicit_int=0, expanded_ints=[1, 2], packed_ints=[1, 2])
    everything.item.value = 1
    everything.delimited_payload.id = 1
    everything.payload.id = 1
    answer = unframe(oracle("roundtrip", "swiftgrpc.test.editions.Everything", data=frame(everything.SerializePartialToString())))[0]
    assert answer[:1] == b"K"
    expected = (b"\x10\x00"                     # explicit presence: a zero is written
                + b"\x42\x02\x08\x01"           # payload: length-prefixed by its field option
                + b"\x50\x01\x50\x02"           # expanded_ints: the file's EXPANDED
                + b"\x5a\x02\x01\x02"           # packed_ints: PACKED on the field
                + b"\x9b\x01\x08\x01\x9c\x01"   # delimited_payload: the file's DELIMITED (a group)
                + b"\xab\x01\x08\x01\xac\x01")  # item: group-like, delimited
    assert answer[1:] == expected
    assert not fields["implicit_int"].has_presence and fields["explicit_int"].has_presence


DESCRIPTOR_FILES = [
    ("swiftgrpc.test.Everything3", "testdata/everything_proto3.proto", "protoc"),
    ("swiftgrpc.test.Everything2", "testdata/everything_proto2.proto", "protoc"),
    ("swiftgrpc.test.editions.Everything", "testdata/editions_2023.proto", "grpc_tools"),
    ("swiftgrpc.test.editions2024.Sample", "testdata/editions_2024.proto", "grpc_tools"),
]


@pytest.mark.parametrize("name,path,compiler", DESCRIPTOR_FILES, ids=[d[1] for d in DESCRIPTOR_FILES])
def test_generated_code_carries_the_descriptor_protoc_made(name, path, compiler, tmp_path):
    from google.protobuf import descriptor_pb2

    from conftest import ROOT
    out = tmp_path / "set.pb"
    if compiler == "protoc":
        subprocess.run(["protoc", f"-I{ROOT / 'protos'}", f"--descriptor_set_out={out}", path], check=True)
    else:
        from grpc_tools import protoc
        assert protoc.main(["protoc", f"-I{ROOT / 'protos'}", f"--descriptor_set_out={out}", path]) == 0
    expected = descriptor_pb2.FileDescriptorSet.FromString(out.read_bytes()).file[0]
    carried = descriptor_pb2.FileDescriptorProto.FromString(unframe(oracle("descriptor", name))[0])
    for proto in (expected, carried):  # protoc fills in json_name for plugins only
        for message in proto.message_type:
            _clear_json_names(message)
        for ext in proto.extension:
            ext.ClearField("json_name")
    assert carried == expected


def _clear_json_names(message):
    for field in list(message.field) + list(message.extension):
        field.ClearField("json_name")
    for nested in message.nested_type:
        _clear_json_names(nested)

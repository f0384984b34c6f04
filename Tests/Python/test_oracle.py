"""Python's protobuf as a second implementation: random messages cross in both directions."""
import random
import subprocess

import pytest
from google.protobuf import text_format

from conftest import HAVE_SHARED, frame, needs_shared, swift_binary, unframe
from random_messages import fill

from testdata import everything_proto2_pb2
from testdata import everything_proto3_pb2
from testdata import imported_pb2

COUNT = 300
TYPES = [
    ("swiftgrpc.test.Everything3", everything_proto3_pb2.Everything3),
    ("swiftgrpc.test.Everything2", everything_proto2_pb2.Everything2),
]
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
        reencoded += frame(from_binary.SerializeToString())
    # Python's encoding of the same messages decodes in Swift to values equal to the originals.
    assert oracle("check", name, str(seed), str(COUNT), data=reencoded).strip() == b"ok"


@pytest.mark.parametrize("name,cls", TYPES, ids=[t[0] for t in TYPES])
def test_python_encoded_messages_round_trip_through_swift(name, cls):
    rng = random.Random(7)
    originals = [fill(rng, cls()) for _ in range(COUNT)]
    frames = unframe(oracle("roundtrip", name, data=b"".join(frame(m.SerializeToString()) for m in originals)))
    assert len(frames) == COUNT
    for original, answer in zip(originals, frames):
        assert answer[:1] == b"K", answer[1:].decode()
        assert cls.FromString(answer[1:]) == original


@pytest.mark.parametrize("name,cls", TYPES[:2], ids=[t[0] for t in TYPES[:2]])
def test_unknown_fields_are_kept_byte_for_byte(name, cls):
    rng = random.Random(11)
    payloads = [fill(rng, cls()).SerializeToString() for _ in range(100)]
    frames = unframe(oracle("roundtrip", "swiftgrpc.test.imported.Nothing", data=b"".join(frame(p) for p in payloads)))
    assert [f[1:] for f in frames] == payloads


def test_known_and_unknown_fields_mixed_survive():
    # Everything3 read as ImportedMessage: field 1 is known (int32 both), field 2 arrives with
    # another wire type than declared and every other field is unknown; nothing may be lost.
    rng = random.Random(5)
    originals = [fill(rng, everything_proto3_pb2.Everything3()) for _ in range(100)]
    data = b"".join(frame(m.SerializeToString()) for m in originals)
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

"""Seeded random protobuf messages built by reflection over the Python descriptors."""
import random
import struct

from google.protobuf import descriptor as d

STRINGS = ["", "a", "héllo", "中文", "😀 emoji", "quote\" back\\slash", "nul\x00byte", "\U0010ffff"]
INT_BOUNDS = {
    d.FieldDescriptor.TYPE_INT32: (-2**31, 2**31 - 1), d.FieldDescriptor.TYPE_SINT32: (-2**31, 2**31 - 1),
    d.FieldDescriptor.TYPE_SFIXED32: (-2**31, 2**31 - 1), d.FieldDescriptor.TYPE_INT64: (-2**63, 2**63 - 1),
    d.FieldDescriptor.TYPE_SINT64: (-2**63, 2**63 - 1), d.FieldDescriptor.TYPE_SFIXED64: (-2**63, 2**63 - 1),
    d.FieldDescriptor.TYPE_UINT32: (0, 2**32 - 1), d.FieldDescriptor.TYPE_FIXED32: (0, 2**32 - 1),
    d.FieldDescriptor.TYPE_UINT64: (0, 2**64 - 1), d.FieldDescriptor.TYPE_FIXED64: (0, 2**64 - 1),
}


def _scalar(rng, field):
    t = field.type
    if t in INT_BOUNDS:
        lo, hi = INT_BOUNDS[t]
        return rng.choice([lo, hi, 0, -1 if lo < 0 else 1, rng.randint(lo, hi), rng.randint(0, 300)])
    if t == d.FieldDescriptor.TYPE_BOOL:
        return rng.random() < 0.5
    if t == d.FieldDescriptor.TYPE_FLOAT:
        value = rng.choice([0.0, -0.0, float("inf"), 1.5, 3.4028234663852886e38, 1e-45,
                            struct.unpack("<f", struct.pack("<I", rng.getrandbits(32)))[0]])
        return 0.5 if value != value else value
    if t == d.FieldDescriptor.TYPE_DOUBLE:
        value = rng.choice([0.0, -0.0, float("-inf"), 2.5, 1.7976931348623157e308, 5e-324,
                            struct.unpack("<d", struct.pack("<Q", rng.getrandbits(64)))[0]])
        return 0.25 if value != value else value
    if t == d.FieldDescriptor.TYPE_STRING:
        return rng.choice(STRINGS) * rng.randint(0, 3)
    if t == d.FieldDescriptor.TYPE_BYTES:
        return bytes(rng.getrandbits(8) for _ in range(rng.randint(0, 20)))
    if t == d.FieldDescriptor.TYPE_ENUM:
        values = [v.number for v in field.enum_type.values]
        if not field.enum_type.is_closed and rng.random() < 0.1:
            return 12345
        return rng.choice(values)
    raise ValueError(f"unexpected type {t}")


def fill(rng: random.Random, message, depth=0):
    """Sets about half the fields of `message` to random values; returns it."""
    for field in message.DESCRIPTOR.fields:
        if rng.random() < 0.5 or field.full_name.endswith("old_field"):
            continue
        is_repeated = field.is_repeated if hasattr(field, "is_repeated") else field.label == d.FieldDescriptor.LABEL_REPEATED
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            if depth > 3:
                continue
            key_field, value_field = field.message_type.fields_by_name["key"], field.message_type.fields_by_name["value"]
            target = getattr(message, field.name)
            for _ in range(rng.randint(0, 3)):
                key = _scalar(rng, key_field)
                if value_field.message_type is not None:
                    fill(rng, target[key], depth + 1)
                else:
                    target[key] = _scalar(rng, value_field)
        elif field.message_type is not None:
            if depth > 3:
                continue
            if is_repeated:
                for _ in range(rng.randint(0, 3)):
                    fill(rng, getattr(message, field.name).add(), depth + 1)
            else:
                getattr(message, field.name).SetInParent()
                fill(rng, getattr(message, field.name), depth + 1)
        elif is_repeated:
            getattr(message, field.name).extend(_scalar(rng, field) for _ in range(rng.randint(0, 4)))
        else:
            setattr(message, field.name, _scalar(rng, field))
    return message

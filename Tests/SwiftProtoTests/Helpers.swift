import SwiftProto

/// Encodes one value with a codec, as a field would, without its tag.
func encoded<C: FieldCodec>(_ codec: C.Type, _ value: C.Value) -> [UInt8] {
    var encoder = BinaryEncoder(capacity: 1)
    C.encode(value, to: &encoder)
    return encoder.finish()
}

/// Decodes one value with a codec from bytes that hold exactly that value.
func decoded<C: FieldCodec>(_ codec: C.Type, _ bytes: [UInt8]) throws -> C.Value {
    try bytes.withUnsafeBytes { buffer in
        var decoder = BinaryDecoder(buffer)
        let value = try C.decode(from: &decoder)
        precondition(decoder.isAtLimit, "bytes left over")
        return value
    }
}

func varint(_ value: UInt64) -> [UInt8] {
    var out: [UInt8] = []
    var v = value
    while v >= 0x80 {
        out.append(UInt8(v & 0x7F) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
    return out
}

func tag(_ field: UInt32, _ wireType: WireType) -> [UInt8] {
    varint(UInt64(field << 3 | wireType.rawValue))
}

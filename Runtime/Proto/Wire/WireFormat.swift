/// The wire types of the protobuf binary format, as the low three bits of a tag.
public enum WireType: UInt32, Sendable {
    /// int32, int64, uint32, uint64, sint32, sint64, bool and enum values.
    case varint = 0
    /// fixed64, sfixed64 and double: eight little-endian bytes.
    case fixed64 = 1
    /// A varint length, then that many bytes: strings, bytes, messages, map entries and packed
    /// repeated fields.
    case lengthDelimited = 2
    /// The start of a proto2 group (or an editions delimited message); its fields follow up
    /// to the matching ``endGroup`` tag.
    case startGroup = 3
    /// The end of the group whose field number it carries.
    case endGroup = 4
    /// fixed32, sfixed32 and float: four little-endian bytes.
    case fixed32 = 5
}

/// Tags, varint sizes and zigzag mapping: the arithmetic both codec directions share.
public enum WireFormat {
    /// Largest field number a tag can carry (2^29 - 1).
    public static let maxFieldNumber: UInt32 = (1 << 29) - 1

    /// A field's tag: its number shifted left by three, or'ed with the wire type.
    @inlinable
    public static func tag(fieldNumber: UInt32, wireType: WireType) -> UInt32 {
        fieldNumber << 3 | wireType.rawValue
    }

    /// How many bytes `value` takes as a varint: 1 to 10 (zero still takes one).
    @inlinable @inline(__always)
    public static func varintSize(_ value: UInt64) -> Int {
        // Each byte carries 7 bits; a zero still takes one byte.
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    /// ZigZag mapping for `sint32`: 0, -1, 1, -2 … become 0, 1, 2, 3 …, so small
    /// magnitudes of either sign make short varints.
    @inlinable @inline(__always)
    public static func zigZag32(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    /// ZigZag mapping for `sint64` (see ``zigZag32(_:)``).
    @inlinable @inline(__always)
    public static func zigZag64(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    /// The inverse of ``zigZag32(_:)``.
    @inlinable @inline(__always)
    public static func unZigZag32(_ value: UInt32) -> Int32 {
        Int32(bitPattern: value >> 1) ^ -Int32(bitPattern: value & 1)
    }

    /// The inverse of ``zigZag64(_:)``.
    @inlinable @inline(__always)
    public static func unZigZag64(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

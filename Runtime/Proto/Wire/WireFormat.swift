/// The wire types of the protobuf binary format, as the low three bits of a tag.
public enum WireType: UInt32, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// Tags, varint sizes and zigzag mapping: the arithmetic both codec directions share.
public enum WireFormat {
    /// Largest field number a tag can carry (2^29 - 1).
    public static let maxFieldNumber: UInt32 = (1 << 29) - 1

    @inlinable
    public static func tag(fieldNumber: UInt32, wireType: WireType) -> UInt32 {
        fieldNumber << 3 | wireType.rawValue
    }

    @inlinable @inline(__always)
    public static func varintSize(_ value: UInt64) -> Int {
        // Each byte carries 7 bits; a zero still takes one byte.
        let bits = 64 - (value | 1).leadingZeroBitCount
        return (bits + 6) / 7
    }

    @inlinable @inline(__always)
    public static func zigZag32(_ value: Int32) -> UInt32 {
        UInt32(bitPattern: (value << 1) ^ (value >> 31))
    }

    @inlinable @inline(__always)
    public static func zigZag64(_ value: Int64) -> UInt64 {
        UInt64(bitPattern: (value << 1) ^ (value >> 63))
    }

    @inlinable @inline(__always)
    public static func unZigZag32(_ value: UInt32) -> Int32 {
        Int32(bitPattern: value >> 1) ^ -Int32(bitPattern: value & 1)
    }

    @inlinable @inline(__always)
    public static func unZigZag64(_ value: UInt64) -> Int64 {
        Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
    }
}

/// Fields a message did not recognise, kept as their exact wire bytes.
public struct UnknownStorage: Hashable, Sendable {
    /// The unknown fields' wire bytes, tags included, in the order they were read; written
    /// back as they are after the known fields.
    public internal(set) var data: [UInt8] = []

    /// No unknown fields.
    public init() {}

    /// Unknown fields from their wire bytes (whole fields, tags included); nothing checks them
    /// until the message is decoded again.
    public init(data: [UInt8]) { self.data = data }

    /// Whether the message met no field it did not know.
    public var isEmpty: Bool { data.isEmpty }

    @usableFromInline
    mutating func appendField(tag: UInt32, value: UnsafeBufferPointer<UInt8>) {
        appendVarint(UInt64(tag))
        data.append(contentsOf: value)
    }

    @usableFromInline
    mutating func appendVarintField(fieldNumber: UInt32, value: UInt64) {
        appendVarint(UInt64(WireFormat.tag(fieldNumber: fieldNumber, wireType: .varint)))
        appendVarint(value)
    }

    mutating func appendVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            data.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        data.append(UInt8(v))
    }
}

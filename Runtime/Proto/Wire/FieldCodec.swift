/// How one protobuf field type travels on the wire. Generated code names a codec per field
/// (`ProtoInt32`, `ProtoString`, `ProtoMessage<M>` …) and the generic, inlinable helpers on
/// the decoder and encoder specialise into straight-line code for it.
public protocol FieldCodec {
    /// The Swift type a field of this kind holds: `Int32` for `ProtoInt32`, `[UInt8]` for
    /// `ProtoBytes`, the message type for `ProtoMessage<M>` …
    associatedtype Value: Hashable & Sendable
    /// The wire type this field kind is written with (the low three bits of its tag).
    static var wireType: WireType { get }
    /// The value a map entry holds when its key or value field is absent.
    static var defaultValue: Value { get }
    /// Reads one value whose tag the decoder has just read.
    ///
    /// - Throws: ``BinaryDecodingError`` when the input ends inside the value, or a string is
    ///   not valid UTF-8.
    static func decode(from decoder: inout BinaryDecoder) throws -> Value
    /// Writes one value without its tag. The encoder writes back to front, so a caller
    /// puts the tag after calling this, and a length-delimited codec writes its own length
    /// prefix after its content.
    static func encode(_ value: Value, to encoder: inout BinaryEncoder)
}

extension FieldCodec {
    /// The tag of field `fieldNumber` with this codec's wire type, as generated `switch`
    /// statements and encoders compare and write it.
    @inlinable
    public static func tag(_ fieldNumber: UInt32) -> UInt32 {
        WireFormat.tag(fieldNumber: fieldNumber, wireType: wireType)
    }
}

/// Scalars that may be packed in repeated fields.
public protocol PackableCodec: FieldCodec {
    /// Encoded size of every element, when it is fixed (fixed32, double …).
    static var fixedSize: Int? { get }
}

extension PackableCodec {
    @inlinable public static var fixedSize: Int? { nil }
}

/// `int32`: a varint; negative values sign-extend to ten bytes, as every implementation
/// writes them, and wider varints are truncated on reading.
public enum ProtoInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        Int32(truncatingIfNeeded: try decoder.decodeVarint())
    }
    @inlinable @inline(__always) public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        // Negative int32 values sign-extend to ten bytes, as every implementation writes them.
        encoder.putVarint(UInt64(bitPattern: Int64(value)))
    }
}

/// `int64`: a varint of the value's two's-complement bits (negative values take ten bytes).
public enum ProtoInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        Int64(bitPattern: try decoder.decodeVarint())
    }
    @inlinable @inline(__always) public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(bitPattern: value))
    }
}

/// `uint32`: a varint; wider varints are truncated to 32 bits on reading.
public enum ProtoUInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt32 {
        UInt32(truncatingIfNeeded: try decoder.decodeVarint())
    }
    @inlinable @inline(__always) public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(value))
    }
}

/// `uint64`: a varint.
public enum ProtoUInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt64 {
        try decoder.decodeVarint()
    }
    @inlinable @inline(__always) public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(value)
    }
}

/// `sint32`: a zigzag-encoded varint, so small negative values stay short.
public enum ProtoSInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        WireFormat.unZigZag32(UInt32(truncatingIfNeeded: try decoder.decodeVarint()))
    }
    @inlinable @inline(__always) public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(WireFormat.zigZag32(value)))
    }
}

/// `sint64`: a zigzag-encoded varint, so small negative values stay short.
public enum ProtoSInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        WireFormat.unZigZag64(try decoder.decodeVarint())
    }
    @inlinable @inline(__always) public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(WireFormat.zigZag64(value))
    }
}

/// `fixed32`: four little-endian bytes.
public enum ProtoFixed32: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt32 {
        try decoder.decodeFixed32()
    }
    @inlinable @inline(__always) public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(value)
    }
}

/// `fixed64`: eight little-endian bytes.
public enum ProtoFixed64: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt64 {
        try decoder.decodeFixed64()
    }
    @inlinable @inline(__always) public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(value)
    }
}

/// `sfixed32`: four little-endian bytes of the two's-complement value.
public enum ProtoSFixed32: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        Int32(bitPattern: try decoder.decodeFixed32())
    }
    @inlinable @inline(__always) public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(UInt32(bitPattern: value))
    }
}

/// `sfixed64`: eight little-endian bytes of the two's-complement value.
public enum ProtoSFixed64: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        Int64(bitPattern: try decoder.decodeFixed64())
    }
    @inlinable @inline(__always) public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(UInt64(bitPattern: value))
    }
}

/// `float`: the IEEE 754 bits in four little-endian bytes (NaN payloads survive).
public enum ProtoFloat: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: Float { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Float {
        Float(bitPattern: try decoder.decodeFixed32())
    }
    @inlinable @inline(__always) public static func encode(_ value: Float, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(value.bitPattern)
    }
}

/// `double`: the IEEE 754 bits in eight little-endian bytes (NaN payloads survive).
public enum ProtoDouble: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: Double { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Double {
        Double(bitPattern: try decoder.decodeFixed64())
    }
    @inlinable @inline(__always) public static func encode(_ value: Double, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(value.bitPattern)
    }
}

/// `bool`: a varint, written as 0 or 1; any non-zero varint reads as true.
public enum ProtoBool: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Bool { false }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Bool {
        try decoder.decodeVarint() != 0
    }
    @inlinable @inline(__always) public static func encode(_ value: Bool, to encoder: inout BinaryEncoder) {
        encoder.putVarint(value ? 1 : 0)
    }
}

/// `string`: length-delimited UTF-8, checked on reading (invalid UTF-8 is a
/// ``BinaryDecodingError/Kind/invalidUTF8`` error, since a Swift `String` is always valid).
public enum ProtoString: FieldCodec {
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: String { "" }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> String {
        try decoder.decodeString()
    }
    @inlinable @inline(__always) public static func encode(_ value: String, to encoder: inout BinaryEncoder) {
        let mark = encoder.count
        encoder.putString(value)
        encoder.putLength(since: mark)
    }
}

/// `bytes`: length-delimited, copied into a `[UInt8]`.
public enum ProtoBytes: FieldCodec {
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: [UInt8] { [] }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> [UInt8] {
        try decoder.decodeBytes()
    }
    @inlinable @inline(__always) public static func encode(_ value: [UInt8], to encoder: inout BinaryEncoder) {
        encoder.putRawBytes(value)
        encoder.putVarint(UInt64(value.count))
    }
}

/// An enum field. Open enums map every value to a case; a closed (proto2) enum's unknown
/// values are kept in unknown fields by the decoder helpers for closed enums.
public enum ProtoEnum<E: Enum>: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: E { E() }
    /// The number on the wire, before it is matched against the enum's cases: closed enums
    /// use it to keep an unknown value in the unknown fields.
    @inlinable public static func decodeRaw(from decoder: inout BinaryDecoder) throws -> Int {
        // Enums travel as int32; wider varints are truncated as the C++ parser does.
        Int(Int32(truncatingIfNeeded: try decoder.decodeVarint()))
    }
    /// Reads an enum value; a number the enum does not know gives its default here. Open enums
    /// map every number to a case (`UNRECOGNIZED(Int)`); closed ones go through
    /// ``BinaryDecoder/decodeClosedEnum(_:unknown:)``, which keeps the number instead.
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> E {
        let raw = try decodeRaw(from: &decoder)
        return E(rawValue: raw) ?? E()
    }
    /// Writes the enum's number as an int32 varint (negative numbers take ten bytes).
    @inlinable @inline(__always) public static func encode(_ value: E, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(bitPattern: Int64(value.rawValue)))
    }
}

/// A message as a map value.
public enum ProtoMessage<M: Message>: FieldCodec {
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: M { M() }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> M {
        var message = M()
        try decoder.decodeMessage(into: &message)
        return message
    }
    @inlinable @inline(__always) public static func encode(_ value: M, to encoder: inout BinaryEncoder) {
        let mark = encoder.count
        value.encodeMessage(to: &encoder)
        encoder.putLength(since: mark)
    }
}

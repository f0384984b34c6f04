/// How one protobuf field type travels on the wire. Generated code names a codec per field
/// (`ProtoInt32`, `ProtoString`, `ProtoMessage<M>` …) and the generic, inlinable helpers on
/// the decoder and encoder specialise into straight-line code for it.
public protocol FieldCodec {
    associatedtype Value: Hashable & Sendable
    static var wireType: WireType { get }
    /// The value a map entry holds when its key or value field is absent.
    static var defaultValue: Value { get }
    static func decode(from decoder: inout BinaryDecoder) throws -> Value
    static func encode(_ value: Value, to encoder: inout BinaryEncoder)
}

extension FieldCodec {
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

public enum ProtoInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        Int32(truncatingIfNeeded: try decoder.decodeVarint())
    }
    @inlinable public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        // Negative int32 values sign-extend to ten bytes, as every implementation writes them.
        encoder.putVarint(UInt64(bitPattern: Int64(value)))
    }
}

public enum ProtoInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        Int64(bitPattern: try decoder.decodeVarint())
    }
    @inlinable public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(bitPattern: value))
    }
}

public enum ProtoUInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt32 {
        UInt32(truncatingIfNeeded: try decoder.decodeVarint())
    }
    @inlinable public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(value))
    }
}

public enum ProtoUInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt64 {
        try decoder.decodeVarint()
    }
    @inlinable public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(value)
    }
}

public enum ProtoSInt32: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        WireFormat.unZigZag32(UInt32(truncatingIfNeeded: try decoder.decodeVarint()))
    }
    @inlinable public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.putVarint(UInt64(WireFormat.zigZag32(value)))
    }
}

public enum ProtoSInt64: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        WireFormat.unZigZag64(try decoder.decodeVarint())
    }
    @inlinable public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putVarint(WireFormat.zigZag64(value))
    }
}

public enum ProtoFixed32: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: UInt32 { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt32 {
        try decoder.decodeFixed32()
    }
    @inlinable public static func encode(_ value: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(value)
    }
}

public enum ProtoFixed64: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: UInt64 { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> UInt64 {
        try decoder.decodeFixed64()
    }
    @inlinable public static func encode(_ value: UInt64, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(value)
    }
}

public enum ProtoSFixed32: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: Int32 { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int32 {
        Int32(bitPattern: try decoder.decodeFixed32())
    }
    @inlinable public static func encode(_ value: Int32, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(UInt32(bitPattern: value))
    }
}

public enum ProtoSFixed64: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: Int64 { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Int64 {
        Int64(bitPattern: try decoder.decodeFixed64())
    }
    @inlinable public static func encode(_ value: Int64, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(UInt64(bitPattern: value))
    }
}

public enum ProtoFloat: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed32 }
    @inlinable public static var defaultValue: Float { 0 }
    @inlinable public static var fixedSize: Int? { 4 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Float {
        Float(bitPattern: try decoder.decodeFixed32())
    }
    @inlinable public static func encode(_ value: Float, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(value.bitPattern)
    }
}

public enum ProtoDouble: PackableCodec {
    @inlinable public static var wireType: WireType { .fixed64 }
    @inlinable public static var defaultValue: Double { 0 }
    @inlinable public static var fixedSize: Int? { 8 }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Double {
        Double(bitPattern: try decoder.decodeFixed64())
    }
    @inlinable public static func encode(_ value: Double, to encoder: inout BinaryEncoder) {
        encoder.putFixed64(value.bitPattern)
    }
}

public enum ProtoBool: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: Bool { false }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> Bool {
        try decoder.decodeVarint() != 0
    }
    @inlinable public static func encode(_ value: Bool, to encoder: inout BinaryEncoder) {
        encoder.putVarint(value ? 1 : 0)
    }
}

public enum ProtoString: FieldCodec {
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: String { "" }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> String {
        try decoder.decodeString()
    }
    @inlinable public static func encode(_ value: String, to encoder: inout BinaryEncoder) {
        let mark = encoder.count
        encoder.putString(value)
        encoder.putLength(since: mark)
    }
}

public enum ProtoBytes: FieldCodec {
    @inlinable public static var wireType: WireType { .lengthDelimited }
    @inlinable public static var defaultValue: [UInt8] { [] }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> [UInt8] {
        try decoder.decodeBytes()
    }
    @inlinable public static func encode(_ value: [UInt8], to encoder: inout BinaryEncoder) {
        encoder.putRawBytes(value)
        encoder.putVarint(UInt64(value.count))
    }
}

/// An enum field. Open enums map every value to a case; a closed (proto2) enum's unknown
/// values are kept in unknown fields by the decoder helpers for closed enums.
public enum ProtoEnum<E: Enum>: PackableCodec {
    @inlinable public static var wireType: WireType { .varint }
    @inlinable public static var defaultValue: E { E() }
    @inlinable public static func decodeRaw(from decoder: inout BinaryDecoder) throws -> Int {
        // Enums travel as int32; wider varints are truncated as the C++ parser does.
        Int(Int32(truncatingIfNeeded: try decoder.decodeVarint()))
    }
    @inlinable public static func decode(from decoder: inout BinaryDecoder) throws -> E {
        let raw = try decodeRaw(from: &decoder)
        return E(rawValue: raw) ?? E()
    }
    @inlinable public static func encode(_ value: E, to encoder: inout BinaryEncoder) {
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
    @inlinable public static func encode(_ value: M, to encoder: inout BinaryEncoder) {
        let mark = encoder.count
        value.encodeMessage(to: &encoder)
        encoder.putLength(since: mark)
    }
}

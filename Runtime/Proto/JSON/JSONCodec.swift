/// How one field type is written and read in ProtoJSON. The binary codecs (`ProtoInt32`,
/// `ProtoString`, `ProtoMessage<M>` …) conform, so generated code names the same codec for
/// both formats.
public protocol JSONCodec: FieldCodec {
    /// Writes one value as the JSON mapping asks for this type: 64-bit integers quoted, floats
    /// with `"NaN"` and `"Infinity"`, bytes in base64, enums by name, messages as objects
    /// (or a well-known type's special form).
    static func writeJSON(_ value: Value, to writer: inout JSONWriter) throws
    /// One value (never `null`, unless `readsJSONNull`); nil when it is to be skipped (an enum
    /// name no value has, under `ignoreUnknownFields`).
    static func readJSON(from reader: inout JSONReader) throws -> Value?
    /// True for the types for which `null` is a value (google.protobuf.Value, NullValue)
    /// rather than "not set".
    static var readsJSONNull: Bool { get }
}

extension JSONCodec {
    @inlinable public static var readsJSONNull: Bool { false }
}

/// Types that can be map keys: in JSON every key is a string.
public protocol JSONMapKeyCodec: JSONCodec {
    /// The key's text as an object member name: `"42"`, `"true"`, or the string itself.
    static func jsonKey(_ value: Value) -> String
    /// The key a member name stands for; `reader` only places the error when it is not a valid
    /// key of this type (`"abc"` for an int32 key, `"yes"` for a bool one).
    static func value(fromJSONKey key: String, reader: JSONReader) throws -> Value
}

extension JSONMapKeyCodec {
    /// Integer keys: the key text read as a number (no quotes, no exponent, no spaces).
    static func integerKey<T>(_ key: String, _ reader: JSONReader, _ read: (inout JSONReader) throws -> T) throws -> T {
        var bytes = Array(key.utf8)
        return try bytes.withUnsafeMutableBytes { raw in
            var keyReader = JSONReader(UnsafeRawBufferPointer(raw), options: reader.options)
            do {
                let value = try read(&keyReader)
                try keyReader.expectEnd()
                return value
            } catch {
                throw reader.error("invalid map key \"\(key)\"")
            }
        }
    }
}

extension ProtoInt32: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int32, to writer: inout JSONWriter) { writer.putInt32(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int32? { try reader.readInt32() }
    public static func jsonKey(_ value: Int32) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int32 { try integerKey(key, reader) { try $0.readInt32() } }
}

extension ProtoSInt32: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int32, to writer: inout JSONWriter) { writer.putInt32(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int32? { try reader.readInt32() }
    public static func jsonKey(_ value: Int32) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int32 { try integerKey(key, reader) { try $0.readInt32() } }
}

extension ProtoSFixed32: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int32, to writer: inout JSONWriter) { writer.putInt32(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int32? { try reader.readInt32() }
    public static func jsonKey(_ value: Int32) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int32 { try integerKey(key, reader) { try $0.readInt32() } }
}

extension ProtoUInt32: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: UInt32, to writer: inout JSONWriter) { writer.putUInt32(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> UInt32? { try reader.readUInt32() }
    public static func jsonKey(_ value: UInt32) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> UInt32 { try integerKey(key, reader) { try $0.readUInt32() } }
}

extension ProtoFixed32: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: UInt32, to writer: inout JSONWriter) { writer.putUInt32(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> UInt32? { try reader.readUInt32() }
    public static func jsonKey(_ value: UInt32) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> UInt32 { try integerKey(key, reader) { try $0.readUInt32() } }
}

extension ProtoInt64: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int64, to writer: inout JSONWriter) { writer.putInt64(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int64? { try reader.readInt64() }
    public static func jsonKey(_ value: Int64) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int64 { try integerKey(key, reader) { try $0.readInt64() } }
}

extension ProtoSInt64: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int64, to writer: inout JSONWriter) { writer.putInt64(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int64? { try reader.readInt64() }
    public static func jsonKey(_ value: Int64) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int64 { try integerKey(key, reader) { try $0.readInt64() } }
}

extension ProtoSFixed64: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Int64, to writer: inout JSONWriter) { writer.putInt64(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Int64? { try reader.readInt64() }
    public static func jsonKey(_ value: Int64) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Int64 { try integerKey(key, reader) { try $0.readInt64() } }
}

extension ProtoUInt64: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: UInt64, to writer: inout JSONWriter) { writer.putUInt64(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> UInt64? { try reader.readUInt64() }
    public static func jsonKey(_ value: UInt64) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> UInt64 { try integerKey(key, reader) { try $0.readUInt64() } }
}

extension ProtoFixed64: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: UInt64, to writer: inout JSONWriter) { writer.putUInt64(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> UInt64? { try reader.readUInt64() }
    public static func jsonKey(_ value: UInt64) -> String { String(value) }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> UInt64 { try integerKey(key, reader) { try $0.readUInt64() } }
}

extension ProtoFloat: JSONCodec {
    @inlinable public static func writeJSON(_ value: Float, to writer: inout JSONWriter) { writer.putFloat(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Float? { try reader.readFloat() }
}

extension ProtoDouble: JSONCodec {
    @inlinable public static func writeJSON(_ value: Double, to writer: inout JSONWriter) { writer.putDouble(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Double? { try reader.readDouble() }
}

extension ProtoBool: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: Bool, to writer: inout JSONWriter) { writer.putBool(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> Bool? { try reader.readBool() }
    public static func jsonKey(_ value: Bool) -> String { value ? "true" : "false" }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> Bool {
        switch key {
        case "true": return true
        case "false": return false
        default: throw reader.error("invalid map key \"\(key)\" for bool keys")
        }
    }
}

extension ProtoString: JSONMapKeyCodec {
    @inlinable public static func writeJSON(_ value: String, to writer: inout JSONWriter) { writer.putString(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> String? { try reader.readString() }
    public static func jsonKey(_ value: String) -> String { value }
    public static func value(fromJSONKey key: String, reader: JSONReader) throws -> String { key }
}

extension ProtoBytes: JSONCodec {
    @inlinable public static func writeJSON(_ value: [UInt8], to writer: inout JSONWriter) { writer.putBytes(value) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> [UInt8]? { try reader.readBytes() }
}

extension ProtoEnum: JSONCodec {
    @inlinable public static func writeJSON(_ value: E, to writer: inout JSONWriter) {
        if E.self is any JSONNullEnum.Type { writer.putNull() } else { writer.putEnum(value) }
    }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> E? { try reader.readEnum(E.self) }
    @inlinable public static var readsJSONNull: Bool { E.self is any JSONNullEnum.Type }
}

extension ProtoMessage: JSONCodec {
    @inlinable public static func writeJSON(_ value: M, to writer: inout JSONWriter) throws { try value.encodeJSON(to: &writer) }
    @inlinable public static func readJSON(from reader: inout JSONReader) throws -> M? {
        var message = M()
        try reader.readMessage(into: &message)
        return message
    }
    @inlinable public static var readsJSONNull: Bool { M.readsJSONNull }
}

/// google.protobuf.NullValue: its one value is written, and read, as JSON `null`.
public protocol JSONNullEnum: Enum {}

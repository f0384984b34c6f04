/// The wrappers are their wrapped value: `"1"` for an Int64Value, `true` for a BoolValue.
extension WellKnownJSON {
    /// Writes the wrapped double itself, a number (or `"NaN"`, `"Infinity"`), as a plain `double` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_DoubleValue, to writer: inout JSONWriter) throws {
        writer.putDouble(wrapper.value)
    }

    /// Reads a bare double value into the wrapper, accepting what a `double` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_DoubleValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readDouble()
    }

    /// Writes the wrapped float itself, a number (or `"NaN"`, `"Infinity"`), as a plain `float` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_FloatValue, to writer: inout JSONWriter) throws {
        writer.putFloat(wrapper.value)
    }

    /// Reads a bare float value into the wrapper, accepting what a `float` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_FloatValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readFloat()
    }

    /// Writes the wrapped int64 itself, a quoted integer, `"42"`, as a plain `int64` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_Int64Value, to writer: inout JSONWriter) throws {
        writer.putInt64(wrapper.value)
    }

    /// Reads a bare int64 value into the wrapper, accepting what a `int64` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_Int64Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readInt64()
    }

    /// Writes the wrapped uint64 itself, a quoted integer, `"42"`, as a plain `uint64` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_UInt64Value, to writer: inout JSONWriter) throws {
        writer.putUInt64(wrapper.value)
    }

    /// Reads a bare uint64 value into the wrapper, accepting what a `uint64` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_UInt64Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readUInt64()
    }

    /// Writes the wrapped int32 itself, a number, as a plain `int32` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_Int32Value, to writer: inout JSONWriter) throws {
        writer.putInt32(wrapper.value)
    }

    /// Reads a bare int32 value into the wrapper, accepting what a `int32` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_Int32Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readInt32()
    }

    /// Writes the wrapped uint32 itself, a number, as a plain `uint32` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_UInt32Value, to writer: inout JSONWriter) throws {
        writer.putUInt32(wrapper.value)
    }

    /// Reads a bare uint32 value into the wrapper, accepting what a `uint32` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_UInt32Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readUInt32()
    }

    /// Writes the wrapped bool itself, `true` or `false`, as a plain `bool` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_BoolValue, to writer: inout JSONWriter) throws {
        writer.putBool(wrapper.value)
    }

    /// Reads a bare bool value into the wrapper, accepting what a `bool` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_BoolValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readBool()
    }

    /// Writes the wrapped string itself, a string, as a plain `string` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_StringValue, to writer: inout JSONWriter) throws {
        writer.putString(wrapper.value)
    }

    /// Reads a bare string value into the wrapper, accepting what a `string` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_StringValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readString()
    }

    /// Writes the wrapped bytes itself, a base64 string, as a plain `bytes` field would be written.
    public static func encode(_ wrapper: Google_Protobuf_BytesValue, to writer: inout JSONWriter) throws {
        writer.putBytes(wrapper.value)
    }

    /// Reads a bare bytes value into the wrapper, accepting what a `bytes` field accepts.
    public static func decode(_ wrapper: inout Google_Protobuf_BytesValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readBytes()
    }
}

/// The wrappers are their wrapped value: `"1"` for an Int64Value, `true` for a BoolValue.
extension WellKnownJSON {
    public static func encode(_ wrapper: Google_Protobuf_DoubleValue, to writer: inout JSONWriter) throws {
        writer.putDouble(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_DoubleValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readDouble()
    }

    public static func encode(_ wrapper: Google_Protobuf_FloatValue, to writer: inout JSONWriter) throws {
        writer.putFloat(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_FloatValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readFloat()
    }

    public static func encode(_ wrapper: Google_Protobuf_Int64Value, to writer: inout JSONWriter) throws {
        writer.putInt64(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_Int64Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readInt64()
    }

    public static func encode(_ wrapper: Google_Protobuf_UInt64Value, to writer: inout JSONWriter) throws {
        writer.putUInt64(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_UInt64Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readUInt64()
    }

    public static func encode(_ wrapper: Google_Protobuf_Int32Value, to writer: inout JSONWriter) throws {
        writer.putInt32(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_Int32Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readInt32()
    }

    public static func encode(_ wrapper: Google_Protobuf_UInt32Value, to writer: inout JSONWriter) throws {
        writer.putUInt32(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_UInt32Value, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readUInt32()
    }

    public static func encode(_ wrapper: Google_Protobuf_BoolValue, to writer: inout JSONWriter) throws {
        writer.putBool(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_BoolValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readBool()
    }

    public static func encode(_ wrapper: Google_Protobuf_StringValue, to writer: inout JSONWriter) throws {
        writer.putString(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_StringValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readString()
    }

    public static func encode(_ wrapper: Google_Protobuf_BytesValue, to writer: inout JSONWriter) throws {
        writer.putBytes(wrapper.value)
    }

    public static func decode(_ wrapper: inout Google_Protobuf_BytesValue, from reader: inout JSONReader) throws {
        wrapper.value = try reader.readBytes()
    }
}

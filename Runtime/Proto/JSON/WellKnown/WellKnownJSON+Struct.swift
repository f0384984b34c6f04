/// Struct, Value and ListValue are plain JSON: an object, any value, an array.
extension WellKnownJSON {
    /// Writes a Struct as a JSON object of its fields (sorted by key with
    /// `useDeterministicOrdering`).
    public static func encode(_ value: Google_Protobuf_Struct, to writer: inout JSONWriter) throws {
        writer.beginObject()
        let fields = writer.options.useDeterministicOrdering ? value.fields.sorted { $0.key < $1.key } : Array(value.fields)
        for (name, field) in fields {
            writer.key(name)
            try encode(field, to: &writer)
        }
        writer.endObject()
    }

    /// Reads any JSON object into a Struct.
    public static func decode(_ value: inout Google_Protobuf_Struct, from reader: inout JSONReader) throws {
        try reader.beginObject()
        while let name = try reader.nextKey() {
            var field = Google_Protobuf_Value()
            try decode(&field, from: &reader)
            value.fields[name] = field
        }
    }

    /// Writes a Value as the JSON value it holds.
    ///
    /// - Throws: ``JSONEncodingError`` for a NaN or infinite number, or a Value with no kind set.
    public static func encode(_ value: Google_Protobuf_Value, to writer: inout JSONWriter) throws {
        switch value.kind {
        case .nullValue?: writer.putNull()
        case .numberValue(let number)?:
            guard number.isFinite else { throw JSONEncodingError("Value number \(number) has no JSON form") }
            writer.putDouble(number)
        case .stringValue(let string)?: writer.putString(string)
        case .boolValue(let bool)?: writer.putBool(bool)
        case .structValue(let object)?: try encode(object, to: &writer)
        case .listValue(let list)?: try encode(list, to: &writer)
        case nil: throw JSONEncodingError("a Value with no kind set has no JSON form")
        }
    }

    /// Reads any JSON value, `null` included, into a Value.
    public static func decode(_ value: inout Google_Protobuf_Value, from reader: inout JSONReader) throws {
        switch reader.peek() {
        case UInt8(ascii: "n"):
            _ = try reader.consumeNull()
            value.kind = .nullValue(.nullValue)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            value.kind = .boolValue(try reader.readBool())
        case UInt8(ascii: "\""):
            value.kind = .stringValue(try reader.readString())
        case UInt8(ascii: "{"):
            var object = Google_Protobuf_Struct()
            try decode(&object, from: &reader)
            value.kind = .structValue(object)
        case UInt8(ascii: "["):
            var list = Google_Protobuf_ListValue()
            try decode(&list, from: &reader)
            value.kind = .listValue(list)
        default:
            value.kind = .numberValue(try reader.readDouble())
        }
    }

    /// Writes a ListValue as a JSON array.
    public static func encode(_ value: Google_Protobuf_ListValue, to writer: inout JSONWriter) throws {
        writer.beginArray()
        for element in value.values {
            writer.separator()
            try encode(element, to: &writer)
        }
        writer.endArray()
    }

    /// Reads any JSON array into a ListValue, appending.
    public static func decode(_ value: inout Google_Protobuf_ListValue, from reader: inout JSONReader) throws {
        try reader.beginArray()
        while try reader.nextElement() {
            var element = Google_Protobuf_Value()
            try decode(&element, from: &reader)
            value.values.append(element)
        }
    }
}

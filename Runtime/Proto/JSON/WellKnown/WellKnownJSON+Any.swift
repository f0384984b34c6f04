/// Any: `{"@type": "type.googleapis.com/pkg.Msg", ...the message's fields}`, or, for a
/// well-known type with a special form, `{"@type": ..., "value": <that form>}`. The type
/// must be registered (MessageTypeRegistry) to be written or read.
extension WellKnownJSON {
    /// Writes an Any as an object with `@type` and its message's members (or `"value"` for a
    /// well-known type with a special form); an empty Any as `{}`.
    ///
    /// - Throws: ``JSONEncodingError`` when the type URL names no registered type.
    public static func encode(_ any: Google_Protobuf_Any, to writer: inout JSONWriter) throws {
        if any.typeURL.isEmpty && any.value.isEmpty {
            writer.beginObject()
            writer.endObject()
            return
        }
        guard let type = MessageTypeRegistry.type(forTypeURL: any.typeURL) else {
            throw JSONEncodingError("the type of Any \"\(any.typeURL)\" is not registered (Google_Protobuf_Any.register(messageType:))")
        }
        let content = try encodeContent(type, any.value, options: writer.options)
        writer.beginObject()
        writer.key("@type")
        writer.putString(any.typeURL)
        if hasSpecialForm(type) {
            writer.key("value")
            writer.putRaw(content)
        } else if content.count > 2 {
            // The content's own members, after @type: its object without the braces.
            writer.bytes.append(UInt8(ascii: ","))
            writer.bytes.append(contentsOf: content[1..<(content.count - 1)])
        }
        writer.endObject()
    }

    private static func encodeContent<M: Message>(_ type: M.Type, _ bytes: [UInt8], options: JSONEncodingOptions) throws -> [UInt8] {
        let message: M
        do {
            message = try M(serializedBytes: bytes, partial: true)
        } catch {
            throw JSONEncodingError("the content of an Any is not a valid \(M.protoMessageName): \(error)")
        }
        var inner = JSONWriter(options: options)
        try message.encodeJSON(to: &inner)
        return inner.output
    }

    static func hasSpecialForm(_ type: any Message.Type) -> Bool {
        type.protoMessageName.hasPrefix("google.protobuf.") && specialFormNames.contains(type.protoMessageName)
    }

    static let specialFormNames: Set<String> = [
        "google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
        "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue", "google.protobuf.DoubleValue",
        "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
        "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue", "google.protobuf.BytesValue",
    ]

    /// Reads an Any's object, finding `@type` wherever it stands among the members, and stores
    /// the content in binary form.
    ///
    /// - Throws: ``JSONDecodingError`` when `@type` is missing or names no registered type.
    public static func decode(_ any: inout Google_Protobuf_Any, from reader: inout JSONReader) throws {
        let before = reader.mark()
        try reader.beginObject()
        // `@type` may come anywhere among the members: find it first.
        var typeURL: String?
        var members = 0
        while let key = try reader.nextKey() {
            members += 1
            if key == "@type" {
                guard typeURL == nil else { throw reader.error("Any has two @type members") }
                typeURL = try reader.readString()
            } else {
                try reader.skipValue()
            }
        }
        guard let typeURL else {
            if members == 0 {
                any = Google_Protobuf_Any()
                return
            }
            throw reader.error("Any without @type")
        }
        let after = reader.mark()
        guard let type = MessageTypeRegistry.type(forTypeURL: typeURL) else {
            throw reader.error("the type of Any \"\(typeURL)\" is not registered")
        }
        reader.restore(before)
        let bytes = try decodeContent(type, from: &reader)
        reader.restore(after)
        any.typeURL = typeURL
        any.value = bytes
    }

    private static func decodeContent<M: Message>(_ type: M.Type, from reader: inout JSONReader) throws -> [UInt8] {
        var message = M()
        if hasSpecialForm(type) {
            try reader.beginObject()
            var sawValue = false
            while let key = try reader.nextKey() {
                switch key {
                case "@type": try reader.skipValue()
                case "value":
                    try message.decodeJSON(from: &reader)
                    sawValue = true
                default:
                    guard reader.options.ignoreUnknownFields else { throw reader.error("unknown field \"\(key)\" in an Any") }
                    try reader.skipValue()
                }
            }
            if !sawValue && M.protoMessageName != "google.protobuf.Empty" {
                throw reader.error("Any of \(M.protoMessageName) without \"value\"")
            }
        } else {
            try reader.decodeSkippingTypeKey { try message.decodeJSON(from: &$0) }
        }
        return try message.serializedBytes(partial: true)
    }
}

/// Any in text format: printed in the expanded form (`[type.googleapis.com/pkg.Msg] { … }`)
/// when its type is registered and its content parses, else as its two fields; read in
/// either form.
public enum WellKnownText {
    /// Prints an Any expanded, `[type.googleapis.com/pkg.Msg] { … }`, when its type is
    /// registered and its bytes decode; else as its `type_url` and `value` fields.
    public static func print(_ any: Google_Protobuf_Any, to printer: inout TextPrinter) {
        if let type = MessageTypeRegistry.type(forTypeURL: any.typeURL), let body = expandedText(type, any.value, printer.options) {
            printer.printBlock("[\(any.typeURL)]", text: body)
        } else {
            if !any.typeURL.isEmpty { printer.print("type_url", any.typeURL) }
            if !any.value.isEmpty { printer.print("value", any.value) }
        }
        printer.printUnknown(any.unknownFields)
    }

    private static func expandedText<M: Message>(_ type: M.Type, _ bytes: [UInt8], _ options: TextFormatEncodingOptions) -> String? {
        guard let message = try? M(serializedBytes: bytes, partial: true) else { return nil }
        return message.textFormatString(options: options)
    }

    /// Reads an Any in either form, expanded or as its two fields (not both).
    ///
    /// - Throws: ``TextFormatDecodingError`` when the expanded form names an unregistered type.
    public static func decode(_ any: inout Google_Protobuf_Any, from reader: inout TextReader) throws {
        var seen = TextFieldSet()
        var expanded = false
        while true {
            if reader.peekIsExpandedAny() {
                guard !expanded, !any.hasRawFields else { throw reader.error("Any given twice") }
                expanded = true
                try decodeExpanded(&any, from: &reader)
                continue
            }
            guard let field = try reader.nextField(in: anyFieldNames) else { return }
            guard !expanded else { throw reader.error("Any given twice") }
            try reader.checkOnce(&seen, field)
            if field == 1 {
                any.typeURL = try reader.read(ProtoString.self)
            } else {
                any.value = try reader.read(ProtoBytes.self)
            }
        }
    }

    static let anyFieldNames = FieldNameTable(textNames: [("type_url", 1), ("value", 2)])

    private static func decodeExpanded(_ any: inout Google_Protobuf_Any, from reader: inout TextReader) throws {
        let start = reader.index
        let url = try reader.readExpandedAnyName()
        guard let type = MessageTypeRegistry.type(forTypeURL: url) else {
            throw reader.error("the type of Any \"\(url)\" is not registered", at: start)
        }
        try reader.colon(required: false)
        any.value = try decodeContent(type, from: &reader)
        any.typeURL = url
        reader.separatorAfterValue()
    }

    private static func decodeContent<M: Message>(_ type: M.Type, from reader: inout TextReader) throws -> [UInt8] {
        var message = M()
        try reader.readMessageBody(into: &message)
        return try message.serializedBytes(partial: true)
    }
}

extension Google_Protobuf_Any {
    var hasRawFields: Bool { !typeURL.isEmpty || !value.isEmpty }
}

extension TextReader {
    /// Whether the next field is `[prefix/type]` (white space aside).
    mutating func peekIsExpandedAny() -> Bool {
        if afterField {
            afterField = false
            if !consume(UInt8(ascii: ";")) { _ = consume(UInt8(ascii: ",")) }
        }
        guard peek() == UInt8(ascii: "[") else { return false }
        var scan = index + 1
        while scan < input.count && input[scan] != UInt8(ascii: "]") {
            if input[scan] == UInt8(ascii: "/") { return true }
            scan += 1
        }
        return false
    }

    /// `[type.googleapis.com/pkg.Msg]`, white space inside dropped.
    mutating func readExpandedAnyName() throws -> String {
        try expect(UInt8(ascii: "["), "'['")
        var name: [UInt8] = []
        while index < input.count && input[index] != UInt8(ascii: "]") {
            let byte = input[index]
            if byte != 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { name.append(byte) }
            index += 1
        }
        try expect(UInt8(ascii: "]"), "']'")
        return String(decoding: name, as: UTF8.self)
    }
}

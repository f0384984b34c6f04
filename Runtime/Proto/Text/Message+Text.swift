/// Text format in and out, spelled as swift-protobuf spells it.
extension Message {
    /// The set fields in protobuf text format (and, by default, the unknown ones by number).
    public func textFormatString(options: TextFormatEncodingOptions = TextFormatEncodingOptions()) -> String {
        var printer = TextPrinter(options: options)
        printText(to: &printer)
        return printer.text
    }

    /// Decodes a message from protobuf text format, as ``textFormatString(options:)`` and
    /// other implementations write it.
    ///
    /// - Parameters:
    ///   - textFormatString: the text, `name: "world"`.
    ///   - options: how deep messages may nest.
    ///   - extensions: the extensions `[pkg.ext]` fields may name.
    /// - Throws: `TextFormatDecodingError` with the line and column of the problem.
    public init(textFormatString: String, options: TextFormatDecodingOptions = TextFormatDecodingOptions(),
                extensions: (any ExtensionMap)? = nil) throws {
        self.init()
        try merge(textFormatString: textFormatString, options: options, extensions: extensions)
    }

    /// Merges text format into this message: singular fields named replace their values,
    /// repeated fields and maps extend.
    ///
    /// - Parameters:
    ///   - textFormatString: the text to merge.
    ///   - options: how deep messages may nest.
    ///   - extensions: the extensions `[pkg.ext]` fields may name.
    /// - Throws: `TextFormatDecodingError` with the line and column of the problem.
    public mutating func merge(textFormatString: String, options: TextFormatDecodingOptions = TextFormatDecodingOptions(),
                               extensions: (any ExtensionMap)? = nil) throws {
        var text = textFormatString
        try text.withUTF8 { utf8 in
            var reader = TextReader(UnsafeRawBufferPointer(utf8), options: options)
            reader.extensions = extensions
            try decodeText(from: &reader)
            try reader.expectEnd()
        }
    }
}

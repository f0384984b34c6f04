/// Text format in and out, spelled as swift-protobuf spells it.
extension Message {
    /// The set fields in protobuf text format (and, by default, the unknown ones by number).
    public func textFormatString(options: TextFormatEncodingOptions = TextFormatEncodingOptions()) -> String {
        var printer = TextPrinter(options: options)
        printText(to: &printer)
        return printer.text
    }

    /// - Parameter extensions: the extensions `[pkg.ext]` fields may name.
    public init(textFormatString: String, options: TextFormatDecodingOptions = TextFormatDecodingOptions(),
                extensions: (any ExtensionMap)? = nil) throws {
        self.init()
        try merge(textFormatString: textFormatString, options: options, extensions: extensions)
    }

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

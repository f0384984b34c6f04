/// Builds protobuf text format (`name: value` lines, `name { … }` blocks): what
/// `textFormatString()` and `debugDescription` return, and what `init(textFormatString:)` reads.
public struct TextPrinter {
    /// The text printed so far, one field per line, nested messages indented by two spaces.
    public private(set) var text = ""
    private var indent = ""
    /// The options the printer was made with.
    public let options: TextFormatEncodingOptions

    /// An empty printer.
    public init(options: TextFormatEncodingOptions = TextFormatEncodingOptions()) {
        self.options = options
    }

    /// Prints `name: value` for a scalar, string or bytes field.
    public mutating func print(_ name: String, _ value: some TextScalar) {
        line(name + ": " + value.textValue)
    }

    /// Prints `name: VALUE_NAME`, or the number for a value the enum does not name.
    public mutating func print<E: Enum>(_ name: String, _ value: E) {
        line(name + ": " + (value.protoName ?? String(value.rawValue)))
    }

    /// Prints `name { … }` with the message's fields inside.
    public mutating func print<M: Message>(_ name: String, _ message: M) {
        block(name) { message.printText(to: &$0) }
    }

    /// Prints one `name: value` line per element.
    public mutating func print(_ name: String, _ values: [some TextScalar]) {
        for value in values { print(name, value) }
    }

    /// Prints one `name: VALUE` line per element.
    public mutating func print<E: Enum>(_ name: String, _ values: [E]) {
        for value in values { print(name, value) }
    }

    /// Prints one `name { … }` block per element.
    public mutating func print<M: Message>(_ name: String, _ values: [M]) {
        for value in values { print(name, value) }
    }

    /// Map entries as `name { key: … value: … }`, sorted by key text so output is stable.
    public mutating func print<K: TextScalar, V: TextScalar>(_ name: String, _ map: [K: V]) {
        for (key, value) in map.sorted(by: { $0.key.textValue < $1.key.textValue }) {
            block(name) { $0.print("key", key); $0.print("value", value) }
        }
    }

    public mutating func print<K: TextScalar, V: Enum>(_ name: String, _ map: [K: V]) {
        for (key, value) in map.sorted(by: { $0.key.textValue < $1.key.textValue }) {
            block(name) { $0.print("key", key); $0.print("value", value) }
        }
    }

    public mutating func print<K: TextScalar, V: Message>(_ name: String, _ map: [K: V]) {
        for (key, value) in map.sorted(by: { $0.key.textValue < $1.key.textValue }) {
            block(name) { $0.print("key", key); $0.print("value", value) }
        }
    }

    /// Unknown fields by number (when `options.printUnknownFields`): varints in decimal,
    /// fixed values in hex, length-delimited values as a nested message when they parse as
    /// one, else as bytes.
    public mutating func printUnknown(_ unknown: UnknownStorage) {
        guard options.printUnknownFields, !unknown.isEmpty else { return }
        unknown.data.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            if !printUnknownFields(&decoder, depth: 0) {
                line("# unknown fields end in malformed bytes")
            }
        }
    }

    /// Prints fields until the decoder's end (or the end of its open group); false when the
    /// bytes are not well-formed fields.
    private mutating func printUnknownFields(_ decoder: inout BinaryDecoder, depth: Int) -> Bool {
        do {
            while let tag = try decoder.nextTag() {
                let number = tag >> 3
                let label = String(number)
                switch WireType(rawValue: tag & 7) {
                case .varint: line(label + ": " + String(try decoder.decodeVarint()))
                case .fixed32: line(label + ": 0x" + TextPrinter.hex(UInt64(try decoder.decodeFixed32()), digits: 8))
                case .fixed64: line(label + ": 0x" + TextPrinter.hex(try decoder.decodeFixed64(), digits: 16))
                case .lengthDelimited:
                    let bytes = try decoder.decodeBytes()
                    if depth < 10, !bytes.isEmpty, let nested = TextPrinter.unknownMessage(bytes, depth: depth + 1, indent: indent + "  ", options: options) {
                        line(label + " {")
                        text += nested
                        line("}")
                    } else {
                        line(label + ": " + bytes.textValue)
                    }
                case .startGroup:
                    guard depth < 10 else { return false }
                    line(label + " {")
                    let outerIndent = indent
                    let outerGroup = decoder.openGroup
                    indent += "  "
                    decoder.openGroup = number
                    let ok = printUnknownFields(&decoder, depth: depth + 1)
                    decoder.openGroup = outerGroup
                    indent = outerIndent
                    if !ok { return false }
                    line("}")
                default:
                    return false
                }
            }
            return true
        } catch {
            return false
        }
    }

    /// The text of `bytes` as unknown fields, when they are a well-formed message.
    private static func unknownMessage(_ bytes: [UInt8], depth: Int, indent: String, options: TextFormatEncodingOptions) -> String? {
        var printer = TextPrinter(options: options)
        printer.indent = indent
        let ok = bytes.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            return printer.printUnknownFields(&decoder, depth: depth)
        }
        return ok ? printer.text : nil
    }

    static func hex(_ value: UInt64, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    /// Prints `name {`, what `body` prints indented by two more spaces, then `}`.
    public mutating func block(_ name: String, _ body: (inout TextPrinter) -> Void) {
        line(name + " {")
        let outer = indent
        indent += "  "
        body(&self)
        indent = outer
        line("}")
    }

    /// Text already formatted (an Any's expanded content).
    public mutating func printBlock(_ name: String, text body: String) {
        line(name + " {")
        for bodyLine in body.split(separator: "\n") { line("  " + bodyLine) }
        line("}")
    }

    private mutating func line(_ content: String) {
        text += indent + content + "\n"
    }
}

/// Values text format prints inline.
public protocol TextScalar {
    /// The value as text format writes it after `name: `.
    var textValue: String { get }
}

/// Integers print in decimal.
extension Int32: TextScalar { public var textValue: String { String(self) } }
/// Integers print in decimal (no quotes, unlike JSON).
extension Int64: TextScalar { public var textValue: String { String(self) } }
/// Integers print in decimal.
extension UInt32: TextScalar { public var textValue: String { String(self) } }
/// Integers print in decimal (no quotes, unlike JSON).
extension UInt64: TextScalar { public var textValue: String { String(self) } }
/// `true` or `false`.
extension Bool: TextScalar { public var textValue: String { self ? "true" : "false" } }

/// Shortest decimal text that reads back the same; `nan`, `inf`, `-inf`.
extension Float: TextScalar {
    /// The value, or `nan`, `inf`, `-inf`.
    public var textValue: String { isNaN ? "nan" : isInfinite ? (self < 0 ? "-inf" : "inf") : String(self) }
}

/// Shortest decimal text that reads back the same; `nan`, `inf`, `-inf`.
extension Double: TextScalar {
    /// The value, or `nan`, `inf`, `-inf`.
    public var textValue: String { isNaN ? "nan" : isInfinite ? (self < 0 ? "-inf" : "inf") : String(self) }
}

/// Strings print quoted, with C escapes.
extension String: TextScalar {
    /// Quoted, with quotes, backslashes and control characters escaped; other characters as
    /// they are (UTF-8 is valid in text format strings).
    public var textValue: String {
        var out = "\""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let octal = String(scalar.value, radix: 8)
                    out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

/// `bytes` print quoted, with C escapes for what is not printable ASCII.
extension Array: TextScalar where Element == UInt8 {
    /// Quoted with C escapes, as text format writes strings and bytes.
    public var textValue: String {
        var out = "\""
        for byte in self {
            switch byte {
            case UInt8(ascii: "\""): out += "\\\""
            case UInt8(ascii: "\\"): out += "\\\\"
            case UInt8(ascii: "\n"): out += "\\n"
            case UInt8(ascii: "\r"): out += "\\r"
            case UInt8(ascii: "\t"): out += "\\t"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let octal = String(byte, radix: 8)
                out += "\\" + String(repeating: "0", count: 3 - octal.count) + octal
            }
        }
        return out + "\""
    }
}

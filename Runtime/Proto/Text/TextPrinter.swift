/// Builds protobuf text format (`name: value` lines, `name { … }` blocks) for debug output.
public struct TextPrinter {
    public private(set) var text = ""
    private var indent = ""

    public init() {}

    public mutating func print(_ name: String, _ value: some TextScalar) {
        line(name + ": " + value.textValue)
    }

    public mutating func print<E: Enum>(_ name: String, _ value: E) {
        line(name + ": " + (value.protoName ?? String(value.rawValue)))
    }

    public mutating func print<M: Message>(_ name: String, _ message: M) {
        block(name) { message.printText(to: &$0) }
    }

    public mutating func print(_ name: String, _ values: [some TextScalar]) {
        for value in values { print(name, value) }
    }

    public mutating func print<E: Enum>(_ name: String, _ values: [E]) {
        for value in values { print(name, value) }
    }

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

    /// Unknown fields by number, decoded as far as their wire types allow.
    public mutating func printUnknown(_ unknown: UnknownStorage) {
        guard !unknown.isEmpty else { return }
        unknown.data.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            printUnknownFields(&decoder)
        }
    }

    private mutating func printUnknownFields(_ decoder: inout BinaryDecoder) {
        do {
            while let tag = try decoder.nextTag() {
                let number = String(tag >> 3)
                switch WireType(rawValue: tag & 7) {
                case .varint: line(number + ": " + String(try decoder.decodeVarint()))
                case .fixed32: line(number + ": 0x" + String(try decoder.decodeFixed32(), radix: 16))
                case .fixed64: line(number + ": 0x" + String(try decoder.decodeFixed64(), radix: 16))
                case .lengthDelimited: line(number + ": " + (try decoder.decodeBytes()).textValue)
                case .startGroup:
                    var group = UnknownStorage()
                    try decoder.skipField(into: &group)
                    line(number + ": <group of \(group.data.count) bytes>")
                default: return
                }
            }
        } catch {
            line("# unknown fields end in malformed bytes")
        }
    }

    public mutating func block(_ name: String, _ body: (inout TextPrinter) -> Void) {
        line(name + " {")
        let outer = indent
        indent += "  "
        body(&self)
        indent = outer
        line("}")
    }

    private mutating func line(_ content: String) {
        text += indent + content + "\n"
    }
}

/// Values text format prints inline.
public protocol TextScalar {
    var textValue: String { get }
}

extension Int32: TextScalar { public var textValue: String { String(self) } }
extension Int64: TextScalar { public var textValue: String { String(self) } }
extension UInt32: TextScalar { public var textValue: String { String(self) } }
extension UInt64: TextScalar { public var textValue: String { String(self) } }
extension Bool: TextScalar { public var textValue: String { self ? "true" : "false" } }

extension Float: TextScalar {
    public var textValue: String { isNaN ? "nan" : isInfinite ? (self < 0 ? "-inf" : "inf") : String(self) }
}

extension Double: TextScalar {
    public var textValue: String { isNaN ? "nan" : isInfinite ? (self < 0 ? "-inf" : "inf") : String(self) }
}

extension String: TextScalar {
    public var textValue: String { Array(utf8).textValue }
}

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

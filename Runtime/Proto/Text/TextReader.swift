/// Reads protobuf's text format for generated `decodeText`: field names resolved to numbers,
/// values as the spec allows them (decimal, octal and hex integers; `inf`/`nan`; strings in
/// either quotes, concatenated, with C escapes), `#` comments, optional separators, both list
/// and repeated-field forms, `{}` and `<>`. Errors carry the line and column.
public struct TextReader {
    @usableFromInline let input: UnsafeRawBufferPointer
    @usableFromInline var index = 0
    /// The options the reader was made with.
    public let options: TextFormatDecodingOptions
    /// The closing delimiter of each message being read; 0 stands for the end of input.
    @usableFromInline var terminators: [UInt8] = [0]
    /// A field's value was just read: one `;` or `,` may follow.
    @usableFromInline var afterField = false
    /// Extensions `[pkg.ext]` fields may name.
    public var extensions: (any ExtensionMap)?
    /// The extension the last `extensionFieldMarker` stands for.
    var pendingExtension: (any AnyMessageExtension)?

    /// A reader over UTF-8 `input`, which must stay valid while it reads.
    public init(_ input: UnsafeRawBufferPointer, options: TextFormatDecodingOptions = TextFormatDecodingOptions()) {
        self.input = input
        self.options = options
    }

    // MARK: Errors

    /// An error for `reason` at the reader's position, with its line and column.
    public func error(_ reason: String) -> TextFormatDecodingError {
        error(reason, at: index)
    }

    func error(_ reason: String, at offset: Int) -> TextFormatDecodingError {
        var line = 1
        var column = 1
        for byte in input[..<min(offset, input.count)] {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return TextFormatDecodingError(reason, line: line, column: column)
    }

    // MARK: Characters

    /// Skips white space and `#` comments.
    @usableFromInline mutating func skipSpace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: index += 1
            case UInt8(ascii: "#"):
                while index < input.count && input[index] != UInt8(ascii: "\n") { index += 1 }
            default: return
            }
        }
    }

    @usableFromInline mutating func peek() -> UInt8? {
        skipSpace()
        return index < input.count ? input[index] : nil
    }

    @usableFromInline mutating func consume(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws {
        guard consume(byte) else { throw error("expected \(what)") }
    }

    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || byte == UInt8(ascii: "_")
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    /// An identifier, or nil (nothing consumed) when none is next.
    mutating func identifier() -> String? {
        guard let first = peek(), TextReader.isIdentifierStart(first) else { return nil }
        let start = index
        while index < input.count && TextReader.isIdentifierByte(input[index]) { index += 1 }
        return String(decoding: input[start..<index], as: UTF8.self)
    }

    // MARK: Fields

    /// The next field's number, per `names`; nil at the end of the message (its closing
    /// delimiter, or the end of input at the top). Fields the message does not have are errors.
    public mutating func nextField(in names: FieldNameTable) throws -> Int? {
        try nextField(in: names, extensibleAs: nil)
    }

    /// For extensible messages: `[pkg.ext]` fields the extension map knows come back as
    /// `extensionFieldMarker` (read them with `readExtension(into:)`).
    public mutating func nextField(in names: FieldNameTable, extensibleAs type: (any Message.Type)?) throws -> Int? {
        if afterField {
            afterField = false
            if !consume(UInt8(ascii: ";")) { _ = consume(UInt8(ascii: ",")) }
        }
        let terminator = terminators[terminators.count - 1]
        guard let byte = peek() else {
            if terminator == 0 { return nil }
            throw error("expected '\(Character(Unicode.Scalar(terminator)))' before the end")
        }
        if byte == terminator {
            index += 1
            terminators.removeLast()
            afterField = true
            return nil
        }
        let start = index
        if byte == UInt8(ascii: "[") {
            let name = try readExpandedAnyName()
            guard let type, let ext = extensions?.ext(for: type, named: name) else {
                throw error("unknown extension [\(name)]", at: start)
            }
            pendingExtension = ext
            afterField = true
            return extensionFieldMarker
        }
        guard let name = identifier() else { throw error("expected a field name") }
        guard let number = Array(name.utf8).withUnsafeBytes({ names.number(for: $0) }) else {
            throw error("unknown field \"\(name)\"", at: start)
        }
        afterField = true
        return number
    }

    /// The name of the field a value belongs to, for errors.
    mutating func separatorAfterValue() {
        afterField = true
    }

    /// `:` (required before scalars, optional before messages).
    mutating func colon(required: Bool) throws {
        if !consume(UInt8(ascii: ":")) && required { throw error("expected ':'") }
    }

    /// A message's opening delimiter; remembers the matching close.
    mutating func beginMessage() throws {
        if consume(UInt8(ascii: "{")) {
            terminators.append(UInt8(ascii: "}"))
        } else if consume(UInt8(ascii: "<")) {
            terminators.append(UInt8(ascii: ">"))
        } else {
            throw error("expected '{' or '<'")
        }
        if terminators.count - 1 > options.messageDepthLimit {
            throw error("nesting deeper than the limit of \(options.messageDepthLimit)")
        }
        afterField = false
    }

    /// After the top-level message: only space and comments may follow (nextField saw the end).
    public mutating func expectEnd() throws {
        if peek() != nil { throw error("unexpected text after the message") }
    }

    // MARK: Lists

    /// For repeated fields: true when the value is a `[...]` list (consumed up to and
    /// including `[`); `each` then runs per element.
    mutating func readList(_ each: (inout TextReader) throws -> Void) throws -> Bool {
        guard consume(UInt8(ascii: "[")) else { return false }
        if consume(UInt8(ascii: "]")) { return true }
        repeat {
            try each(&self)
        } while consume(UInt8(ascii: ","))
        try expect(UInt8(ascii: "]"), "',' or ']'")
        return true
    }

    // MARK: Numbers

    /// A number token, possibly after a `-` (white space and comments may stand between):
    /// the sign and the token's text.
    mutating func numberToken() throws -> (negative: Bool, text: UnsafeRawBufferPointer) {
        let negative = consume(UInt8(ascii: "-"))
        guard let first = peek() else { throw error("expected a number") }
        let start = index
        if TextReader.isIdentifierStart(first) {
            while index < input.count && TextReader.isIdentifierByte(input[index]) { index += 1 }
            return (negative, UnsafeRawBufferPointer(rebasing: input[start..<index]))
        }
        guard (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".") else {
            throw error("expected a number")
        }
        let hex = first == UInt8(ascii: "0") && index + 1 < input.count && (input[index + 1] | 0x20) == UInt8(ascii: "x")
        while index < input.count {
            let byte = input[index]
            if TextReader.isIdentifierByte(byte) || byte == UInt8(ascii: ".") {
                index += 1
            } else if !hex && (byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-"))
                        && (input[index - 1] | 0x20) == UInt8(ascii: "e") {
                index += 1
            } else {
                break
            }
        }
        return (negative, UnsafeRawBufferPointer(rebasing: input[start..<index]))
    }

    /// An integer token's magnitude: decimal, octal (leading 0) or hex (0x); nil when the
    /// token is not an integer or overflows 64 bits.
    static func integerMagnitude(_ text: UnsafeRawBufferPointer) -> UInt64? {
        guard !text.isEmpty else { return nil }
        var radix: UInt64 = 10
        var digits = text[...]
        if text.count > 1 && text[0] == UInt8(ascii: "0") {
            if (text[1] | 0x20) == UInt8(ascii: "x") {
                radix = 16
                digits = text[2...]
                if digits.isEmpty { return nil }
            } else {
                radix = 8
                digits = text[1...]
            }
        }
        var value: UInt64 = 0
        for byte in digits {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            guard digit < radix else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return value
    }

    mutating func readInteger(minimum: Int64, maximum: UInt64, what: String) throws -> (Bool, UInt64) {
        let start = index
        let (negative, text) = try numberToken()
        guard let magnitude = TextReader.integerMagnitude(text) else {
            throw error("expected \(what)", at: start)
        }
        if negative {
            guard minimum < 0, magnitude <= minimum.magnitude else { throw error("\(what) out of range", at: start) }
        } else if magnitude > maximum {
            throw error("\(what) out of range", at: start)
        }
        return (negative, magnitude)
    }

    /// An int32 in decimal, hex (`0x1F`) or octal (`017`), with an optional `-`; out of range
    /// is an error.
    public mutating func readInt32() throws -> Int32 {
        let (negative, magnitude) = try readInteger(minimum: Int64(Int32.min), maximum: UInt64(Int32.max), what: "an int32")
        return negative ? Int32(truncatingIfNeeded: 0 &- Int64(magnitude)) : Int32(magnitude)
    }

    /// A uint32 in decimal, hex or octal; negative or out of range is an error.
    public mutating func readUInt32() throws -> UInt32 {
        UInt32(try readInteger(minimum: 0, maximum: UInt64(UInt32.max), what: "a uint32").1)
    }

    /// An int64 in decimal, hex or octal.
    public mutating func readInt64() throws -> Int64 {
        let (negative, magnitude) = try readInteger(minimum: Int64.min, maximum: UInt64(Int64.max), what: "an int64")
        return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
    }

    /// A uint64 in decimal, hex or octal.
    public mutating func readUInt64() throws -> UInt64 {
        try readInteger(minimum: 0, maximum: UInt64.max, what: "a uint64").1
    }

    /// Decimal numbers (integer or float, with an optional `f`), and `inf`, `infinity`, `nan`
    /// in any case; not hex or octal. Too large is infinity, as the spec says.
    public mutating func readDouble() throws -> Double {
        let start = index
        let (negative, text) = try numberToken()
        guard let value = TextReader.decimalFloat(text) else { throw error("expected a decimal number", at: start) }
        return negative ? -value : value
    }

    /// A float, read as a double and narrowed as C++ narrows it (just above the largest float
    /// is that float, beyond is infinity).
    public mutating func readFloat() throws -> Float {
        // Rounded from the double as C++ narrows it: what lies within half a step of the
        // largest float is that float; beyond, infinity.
        Float(try readDouble())
    }

    static func decimalFloat(_ text: UnsafeRawBufferPointer) -> Double? {
        var string = String(decoding: text, as: UTF8.self)
        switch string.lowercased() {
        case "inf", "infinity": return .infinity
        case "nan": return .nan
        default: break
        }
        guard let first = text.first, (first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9")) || first == UInt8(ascii: ".") else {
            return nil
        }
        if string.hasSuffix("f") || string.hasSuffix("F") {
            string.removeLast()
            guard !string.isEmpty, !string.hasSuffix("e"), !string.hasSuffix("E") else { return nil }
        }
        // Decimal only: no 0x, and a leading zero only before a point or exponent (not octal).
        let bytes = Array(string.utf8)
        guard bytes.allSatisfy({ ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: ".")
                || $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }) else {
            return nil
        }
        if bytes.count > 1, bytes[0] == UInt8(ascii: "0"), bytes[1] >= UInt8(ascii: "0"), bytes[1] <= UInt8(ascii: "9") { return nil }
        if string.contains("."), string.firstIndex(of: ".") != string.lastIndex(of: ".") { return nil }
        guard let value = Double(string) else { return nil }
        return value
    }

    /// `true`, `True`, `t`, `1` or `false`, `False`, `f`, `0`.
    public mutating func readBool() throws -> Bool {
        let start = index
        if let word = identifier() {
            switch word {
            case "true", "True", "t": return true
            case "false", "False", "f": return false
            default: throw error("expected true or false", at: start)
            }
        }
        switch try readInteger(minimum: 0, maximum: 1, what: "true or false").1 {
        case 0: return false
        default: return true
        }
    }

    // MARK: Strings

    /// One or more adjacent string literals, unescaped and joined.
    public mutating func readStringBytes() throws -> [UInt8] {
        guard let quote = peek(), quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
            throw error("expected a string")
        }
        var out: [UInt8] = []
        while let next = peek(), next == UInt8(ascii: "\"") || next == UInt8(ascii: "'") {
            index += 1
            try readLiteral(closingWith: next, into: &out)
        }
        return out
    }

    private mutating func readLiteral(closingWith quote: UInt8, into out: inout [UInt8]) throws {
        while index < input.count {
            let byte = input[index]
            index += 1
            if byte == quote { return }
            if byte == UInt8(ascii: "\n") || byte == 0 { break }
            guard byte == UInt8(ascii: "\\") else {
                out.append(byte)
                continue
            }
            guard index < input.count else { break }
            let escape = input[index]
            index += 1
            switch escape {
            case UInt8(ascii: "a"): out.append(7)
            case UInt8(ascii: "b"): out.append(8)
            case UInt8(ascii: "f"): out.append(12)
            case UInt8(ascii: "n"): out.append(10)
            case UInt8(ascii: "r"): out.append(13)
            case UInt8(ascii: "t"): out.append(9)
            case UInt8(ascii: "v"): out.append(11)
            case UInt8(ascii: "?"), UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(escape)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = UInt32(escape - UInt8(ascii: "0"))
                for _ in 0..<2 where index < input.count && input[index] >= UInt8(ascii: "0") && input[index] <= UInt8(ascii: "7") {
                    value = value * 8 + UInt32(input[index] - UInt8(ascii: "0"))
                    index += 1
                }
                guard value <= 0xFF else { throw error("octal escape above \\377") }
                out.append(UInt8(value))
            case UInt8(ascii: "x"), UInt8(ascii: "X"):
                var value: UInt32 = 0
                var count = 0
                while count < 2, index < input.count, let digit = TextReader.hexDigit(input[index]) {
                    value = value * 16 + digit
                    index += 1
                    count += 1
                }
                guard count > 0 else { throw error("\\x without hex digits") }
                out.append(UInt8(value))
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let digits = escape == UInt8(ascii: "u") ? 4 : 8
                var value: UInt32 = 0
                for _ in 0..<digits {
                    guard index < input.count, let digit = TextReader.hexDigit(input[index]) else {
                        throw error("\\\(Character(Unicode.Scalar(escape))) needs \(digits) hex digits")
                    }
                    value = value &* 16 &+ digit
                    index += 1
                }
                // The spec takes code points, not UTF-16: surrogates are not characters.
                guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value), let scalar = Unicode.Scalar(value) else {
                    throw error("\\\(Character(Unicode.Scalar(escape))) escape of an invalid code point")
                }
                out.append(contentsOf: String(Character(scalar)).utf8)
            default:
                throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        throw error("unterminated string")
    }

    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// A string: one or more quoted parts (`'…'` or `"…"`, concatenated) with C escapes,
    /// checked to be UTF-8.
    public mutating func readString() throws -> String {
        let start = index
        let bytes = try readStringBytes()
        guard let string = bytes.withUnsafeBufferPointer({ UTF8Validation.string(from: $0) }) else {
            throw error("invalid UTF-8 in a string field", at: start)
        }
        return string
    }

    /// An enum value: its name, or its number (a closed enum's only when it has it).
    public mutating func readEnum<E: Enum>(_ type: E.Type) throws -> E {
        let start = index
        if let name = identifier() {
            guard let value = E(protoName: name) else { throw error("\"\(name)\" is not a value of \(E.self)", at: start) }
            return value
        }
        let number = try readInt32()
        guard let value = E(rawValue: Int(number)) else { throw error("\(number) is not a value of \(E.self)", at: start) }
        return value
    }
}

/// Reads ProtoJSON from UTF-8 bytes for generated `decodeJSON`: objects member by member
/// (names resolved to field numbers without building strings), arrays element by element,
/// and each value as the JSON mapping allows it (numbers quoted or not, exact 64-bit
/// integers, NaN and infinities as strings, both base64 alphabets). Every error names the
/// byte offset; nesting is bounded by `options.messageDepthLimit`.
public struct JSONReader {
    @usableFromInline let input: UnsafeRawBufferPointer
    @usableFromInline var index = 0
    /// The options the reader was made with (depth limit, unknown members).
    public let options: JSONDecodingOptions
    @usableFromInline var depth = 0
    /// Between a `{` or `[` and the first member or element of it.
    @usableFromInline var atStart = false
    /// The member being read (0: none) and the depth of its object, for error paths. The
    /// table changes per message, not per member, so it is stored only when it changes.
    @usableFromInline var lastFieldNames: FieldNameTable?
    @usableFromInline var lastFieldNumber = 0
    @usableFromInline var lastFieldDepth = 0
    /// Unescaped member names, reused.
    @usableFromInline var scratch: [UInt8] = []
    /// The depth of an Any's object whose `@type` member its message does not know.
    @usableFromInline var typeKeyDepth = -1
    /// Extensions `"[pkg.ext]"` members may name.
    public var extensions: (any ExtensionMap)?
    /// The extension the last `extensionFieldMarker` stands for.
    var pendingExtension: (any AnyMessageExtension)?

    /// A reader over UTF-8 `input`, which must stay valid while it reads.
    public init(_ input: UnsafeRawBufferPointer, options: JSONDecodingOptions = JSONDecodingOptions()) {
        self.input = input
        self.options = options
    }

    // MARK: Errors

    /// An error for `reason` at the reader's position (generated code and the well-known types'
    /// readers throw these).
    public func error(_ reason: String) -> JSONDecodingError {
        JSONDecodingError(reason, offset: index)
    }

    // MARK: Bytes and tokens

    @inlinable mutating func skipWhitespace() {
        while index < input.count {
            switch input[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next byte that is not white space, not consumed; nil at the end.
    @inlinable public mutating func peek() -> UInt8? {
        skipWhitespace()
        return index < input.count ? input[index] : nil
    }

    @inlinable mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws {
        guard peek() == byte else { throw error("expected \(what())") }
        index += 1
    }

    /// Consumes a `null` if one is next.
    @inlinable public mutating func consumeNull() throws -> Bool {
        guard peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    @usableFromInline mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard index + count <= input.count,
              UTF8Validation.equal(UnsafeRawPointer(word.utf8Start), input.baseAddress! + index, count: count) else {
            throw error("invalid literal")
        }
        index += count
        // A literal runs to a delimiter: `nullx` or `true1` is not one.
        if index < input.count, Self.isWordByte(input[index]) { throw error("invalid literal") }
    }

    @usableFromInline static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }

    /// After the top-level value: nothing but white space may follow.
    public mutating func expectEnd() throws {
        if peek() != nil { throw error("unexpected data after the JSON value") }
    }

    // MARK: Objects

    /// Consumes the `{` that must come next; then read members with ``nextField(in:)`` or
    /// ``nextKey()`` until they answer nil.
    ///
    /// - Throws: ``JSONDecodingError`` when something else comes next, or nesting is deeper
    ///   than `messageDepthLimit`.
    public mutating func beginObject() throws {
        guard peek() == UInt8(ascii: "{") else { throw error("expected an object") }
        index += 1
        try enter()
    }

    @inlinable mutating func enter() throws {
        depth += 1
        if depth > options.messageDepthLimit {
            throw error("nesting deeper than the limit of \(options.messageDepthLimit)")
        }
        atStart = true
    }

    /// The next member's name (unescaped, as raw UTF-8), or nil at the closing brace.
    @inlinable mutating func nextMemberName() throws -> UnsafeRawBufferPointer? {
        let byte = peek()
        if atStart {
            atStart = false
            if byte == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return nil
            }
        } else if byte == UInt8(ascii: ",") {
            index += 1
        } else if byte == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return nil
        } else {
            throw error("expected ',' or '}'")
        }
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name") }
        let name = try stringContent()
        try expect(UInt8(ascii: ":"), "':' after a member name")
        return name
    }

    /// The next member's field number, per `names`; nil at the end of the object. A name no
    /// field has is an error, or skipped with its value under `ignoreUnknownFields`.
    public mutating func nextField(in names: FieldNameTable) throws -> Int? {
        try nextField(in: names, extensibleAs: nil)
    }

    /// For extensible messages: `"[pkg.ext]"` members the extension map knows come back as
    /// `extensionFieldMarker` (read them with `readExtension(into:)`).
    public mutating func nextField(in names: FieldNameTable, extensibleAs type: (any Message.Type)?) throws -> Int? {
        lastFieldNumber = 0
        while let name = try nextMemberName() {
            if let number = names.number(for: name) {
                if lastFieldNames !== names { lastFieldNames = names }
                lastFieldNumber = number
                lastFieldDepth = depth
                return number
            }
            let text = String(decoding: name, as: UTF8.self)
            if let type, text.hasPrefix("["), text.hasSuffix("]"),
               let ext = extensions?.ext(for: type, named: String(text.dropFirst().dropLast())) {
                pendingExtension = ext
                return extensionFieldMarker
            }
            if depth == typeKeyDepth && text == "@type" {
                try skipValue()
                continue
            }
            guard options.ignoreUnknownFields else { throw error("unknown field \"\(text)\"") }
            try skipValue()
        }
        return nil
    }

    /// The next member's name as a String (map keys, Struct fields, `@type`); nil at the end.
    public mutating func nextKey() throws -> String? {
        guard let name = try nextMemberName() else { return nil }
        return String(decoding: name, as: UTF8.self)
    }

    // MARK: Arrays

    /// Consumes the `[` that must come next; then read elements while ``nextElement()`` is true.
    ///
    /// - Throws: ``JSONDecodingError`` when something else comes next, or nesting is deeper
    ///   than `messageDepthLimit`.
    public mutating func beginArray() throws {
        guard peek() == UInt8(ascii: "[") else { throw error("expected an array") }
        index += 1
        try enter()
    }

    /// True when another element follows (positioned at it); false at the closing bracket.
    public mutating func nextElement() throws -> Bool {
        let byte = peek()
        if atStart {
            atStart = false
            if byte == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return false
            }
            return true
        }
        if byte == UInt8(ascii: ",") {
            index += 1
            return true
        }
        if byte == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return false
        }
        throw error("expected ',' or ']'")
    }

    // MARK: Strings

    /// A string token's content, unescaped and checked to be UTF-8: straight from the input
    /// when it has no escapes, else from `scratch` (valid until the next string is read).
    @usableFromInline mutating func stringContent(validatingUTF8: Bool = true) throws -> UnsafeRawBufferPointer {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string") }
        index += 1
        let start = index
        var highBits: UInt8 = 0
        while index < input.count {
            let byte = input[index]
            highBits |= byte
            if byte == UInt8(ascii: "\"") {
                let content = UnsafeRawBufferPointer(rebasing: input[start..<index])
                index += 1
                if validatingUTF8 && highBits >= 0x80 { try checkUTF8(content, at: start) }  // ASCII is valid UTF-8
                return content
            }
            if byte == UInt8(ascii: "\\") { return try escapedContent(from: start, validatingUTF8: validatingUTF8) }
            if byte < 0x20 { throw error("control character in a string") }
            index += 1
        }
        throw error("unterminated string")
    }

    private mutating func escapedContent(from start: Int, validatingUTF8: Bool) throws -> UnsafeRawBufferPointer {
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[start..<index]))
        while index < input.count {
            let byte = input[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                let result = scratch.withUnsafeBytes { $0 }
                if validatingUTF8 { try checkUTF8(result, at: start) }
                return result
            }
            if byte < 0x20 { throw error("control character in a string") }
            guard byte == UInt8(ascii: "\\") else {
                scratch.append(byte)
                index += 1
                continue
            }
            index += 1
            guard index < input.count else { break }
            let escape = input[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"): try appendUnicodeEscape()
            default: throw error("invalid escape '\\\(Character(Unicode.Scalar(escape)))'")
            }
        }
        throw error("unterminated string")
    }

    /// `\uXXXX`, or a surrogate pair of two; a lone surrogate is an error.
    private mutating func appendUnicodeEscape() throws {
        var scalar = try hex4()
        if (0xD800...0xDBFF).contains(scalar) {
            guard index + 1 < input.count, input[index] == UInt8(ascii: "\\"), input[index + 1] == UInt8(ascii: "u") else {
                throw error("a high surrogate without its low surrogate")
            }
            index += 2
            let low = try hex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw error("a high surrogate without its low surrogate") }
            scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            throw error("a low surrogate without its high surrogate")
        }
        for unit in String(Character(Unicode.Scalar(scalar)!)).utf8 { scratch.append(unit) }
    }

    private mutating func hex4() throws -> UInt32 {
        guard index + 4 <= input.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = input[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func checkUTF8(_ bytes: UnsafeRawBufferPointer, at offset: Int) throws {
        guard UTF8Validation.isValid(bytes.bindMemory(to: UInt8.self)) else {
            throw JSONDecodingError("invalid UTF-8 in a string", offset: offset)
        }
    }

    /// A JSON string, unescaped (`\uXXXX` surrogate pairs joined; a lone surrogate is an error).
    public mutating func readString() throws -> String {
        skipWhitespace()
        let start = index
        let content = try stringContent(validatingUTF8: false)
        // One check of the UTF-8: the String's own, as the binary decoder does it.
        guard let string = UTF8Validation.string(from: content.bindMemory(to: UInt8.self)) else {
            index = start
            throw error("invalid UTF-8 in a string")
        }
        return string
    }

    /// A `bytes` value: a string of base64 in either alphabet, padded or not.
    public mutating func readBytes() throws -> [UInt8] {
        let content = try stringContent()
        guard let bytes = Base64.decode(content.bindMemory(to: UInt8.self)) else { throw error("invalid base64 in a bytes field") }
        return bytes
    }

    /// `true` or `false` (not quoted: the mapping takes no `"true"` for a bool field).
    public mutating func readBool() throws -> Bool {
        switch peek() {
        case UInt8(ascii: "t"):
            try literal("true")
            return true
        case UInt8(ascii: "f"):
            try literal("false")
            return false
        default:
            throw error("expected true or false")
        }
    }

    // MARK: Numbers

    /// A JSON number token (RFC 8259's grammar, strictly: no leading zeros, no `+`, no bare
    /// `.`), or the content of a string holding one, as raw text.
    mutating func numberText(allowingQuotes: Bool = true) throws -> (text: UnsafeRawBufferPointer, quoted: Bool) {
        if peek() == UInt8(ascii: "\"") {
            guard allowingQuotes else { throw error("expected a number") }
            let start = index
            let content = try stringContent()
            guard JSONReader.isNumber(content) else {
                index = start
                throw error("expected a number in the string")
            }
            return (content, true)
        }
        let start = index
        while index < input.count, JSONReader.isNumberByte(input[index]) { index += 1 }
        let text = UnsafeRawBufferPointer(rebasing: input[start..<index])
        guard JSONReader.isNumber(text) else {
            index = start
            throw error("expected a number")
        }
        return (text, false)
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "e"), UInt8(ascii: "E"):
            return true
        default:
            return false
        }
    }

    /// RFC 8259: `-? (0 | [1-9][0-9]*) (\.[0-9]+)? ([eE][+-]?[0-9]+)?`.
    static func isNumber(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        func digit(_ at: Int) -> Bool { at < text.count && text[at] >= UInt8(ascii: "0") && text[at] <= UInt8(ascii: "9") }
        if index < text.count && text[index] == UInt8(ascii: "-") { index += 1 }
        guard digit(index) else { return false }
        if text[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while digit(index) { index += 1 }
        }
        if index < text.count && text[index] == UInt8(ascii: ".") {
            index += 1
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        if index < text.count && (text[index] == UInt8(ascii: "e") || text[index] == UInt8(ascii: "E")) {
            index += 1
            if index < text.count && (text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-")) { index += 1 }
            guard digit(index) else { return false }
            while digit(index) { index += 1 }
        }
        return index == text.count
    }

    /// An integer in [minimum, maximum], from a number or a numeric string; exponents and
    /// zero fractions are fine (`1e2`, `100.0`) as long as the value is integral.
    mutating func readInteger(minimum: Int64, maximum: UInt64, what: String) throws -> (negative: Bool, magnitude: UInt64) {
        skipWhitespace()
        let start = index
        if let (negative, magnitude) = plainInteger() {
            if negative ? magnitude <= minimum.magnitude : magnitude <= maximum { return (negative && magnitude != 0, magnitude) }
            index = start
            throw error("\(what) out of range")
        }
        let (text, _) = try numberText()
        guard let (negative, magnitude) = JSONReader.exactInteger(text) else {
            index = start
            throw error("\(what) is not an integer, or out of range")
        }
        if negative {
            guard magnitude <= minimum.magnitude else {
                index = start
                throw error("\(what) out of range")
            }
        } else if magnitude > maximum {
            index = start
            throw error("\(what) out of range")
        }
        return (negative && magnitude != 0, magnitude)
    }

    /// The common forms in one pass: `-?[1-9][0-9]{0,18}` or `0`, bare or in quotes, followed
    /// by neither a fraction nor an exponent. Nil (and nothing consumed) for anything else,
    /// which `numberText` and `exactInteger` then judge.
    mutating func plainInteger() -> (Bool, UInt64)? {
        var position = index
        let quoted = position < input.count && input[position] == UInt8(ascii: "\"")
        if quoted { position += 1 }
        let negative = position < input.count && input[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        var value: UInt64 = 0
        while position < input.count, position - digitsStart < 19 {
            let digit = input[position] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            value = value &* 10 &+ UInt64(digit)
            position += 1
        }
        let count = position - digitsStart
        guard count > 0, !(count > 1 && input[digitsStart] == UInt8(ascii: "0")) else { return nil }
        if position < input.count, JSONReader.isNumberByte(input[position]) { return nil }
        if quoted {
            guard position < input.count, input[position] == UInt8(ascii: "\"") else { return nil }
            position += 1
        }
        index = position
        return (negative, value)
    }

    /// The exact value of a JSON number when it is an integer that fits 64 bits; nil otherwise.
    static func exactInteger(_ text: UnsafeRawBufferPointer) -> (Bool, UInt64)? {
        let negative = text.first == UInt8(ascii: "-")
        var index = negative ? 1 : 0
        // The common case, plain digits: no exponent or fraction to account for.
        if text.count - index <= 19, text[index...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            var value: UInt64 = 0
            for byte in text[index...] { value = value * 10 + UInt64(byte - UInt8(ascii: "0")) }
            return (negative, value)
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var inFraction = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                inFraction = true
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break
            } else {
                digits.append(byte - UInt8(ascii: "0"))
                if inFraction { fractionDigits += 1 }
            }
            index += 1
        }
        var exponent = 0
        if index < text.count {
            index += 1
            var exponentNegative = false
            if text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                exponent = min(exponent * 10 + Int(text[index] - UInt8(ascii: "0")), 100_000)
                index += 1
            }
            if exponentNegative { exponent = -exponent }
        }
        let first = digits.firstIndex { $0 != 0 } ?? digits.count
        if first == digits.count { return (negative, 0) }
        var last = digits.count
        var scale = exponent - fractionDigits
        while scale < 0 {
            guard last > first, digits[last - 1] == 0 else { return nil }
            last -= 1
            scale += 1
        }
        guard last - first + scale <= 20 else { return nil }
        var value: UInt64 = 0
        for position in first..<(last + scale) {
            let digit = position < last ? UInt64(digits[position]) : 0
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            if overflow1 || overflow2 { return nil }
            value = sum
        }
        return (negative, value)
    }

    /// An int32 from a number or a numeric string; `1e2` and `100.0` are fine, `1.5` and values
    /// out of range are errors.
    public mutating func readInt32() throws -> Int32 {
        let (negative, magnitude) = try readInteger(minimum: Int64(Int32.min), maximum: UInt64(Int32.max), what: "an int32")
        return negative ? Int32(truncatingIfNeeded: 0 &- Int64(magnitude)) : Int32(magnitude)
    }

    /// A uint32 from a number or a numeric string, integral and in range.
    public mutating func readUInt32() throws -> UInt32 {
        let (negative, magnitude) = try readInteger(minimum: 0, maximum: UInt64(UInt32.max), what: "a uint32")
        return negative ? 0 : UInt32(magnitude)
    }

    /// An int64 from a number or (as the mapping writes it) a string, read exactly: no
    /// rounding through a double.
    public mutating func readInt64() throws -> Int64 {
        let (negative, magnitude) = try readInteger(minimum: Int64.min, maximum: UInt64(Int64.max), what: "an int64")
        return negative ? Int64(bitPattern: 0 &- magnitude) : Int64(magnitude)
    }

    /// A uint64 from a number or a string, read exactly.
    public mutating func readUInt64() throws -> UInt64 {
        let (negative, magnitude) = try readInteger(minimum: 0, maximum: UInt64.max, what: "a uint64")
        return negative ? 0 : magnitude
    }

    /// A number, or `"NaN"`, `"Infinity"`, `"-Infinity"`, or a numeric string; finite input
    /// too large for a double is an error, not infinity.
    public mutating func readDouble() throws -> Double {
        skipWhitespace()
        if let value = plainDouble() { return value }
        if let special = try specialFloat() { return special }
        let start = index
        let (text, _) = try numberText()
        guard let value = Double(String(decoding: text, as: UTF8.self)), value.isFinite else {
            index = start
            throw error("number out of the range of a double")
        }
        return value
    }

    /// A bare JSON number as decimal digits and a power of ten, without consuming it; nil when
    /// it has more digits than the fast paths use or is not a plain number.
    func plainDecimal() -> (negative: Bool, mantissa: UInt64, digits: Int, scale: Int, end: Int)? {
        var position = index
        let negative = position < input.count && input[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        var mantissa: UInt64 = 0
        var digits = 0
        var scale = 0
        let integerStart = position
        while position < input.count, case let digit = input[position] &- UInt8(ascii: "0"), digit < 10 {
            mantissa = mantissa &* 10 &+ UInt64(digit)
            if mantissa != 0 { digits += 1 }
            position += 1
        }
        let integerDigits = position - integerStart
        guard integerDigits > 0, !(integerDigits > 1 && input[integerStart] == UInt8(ascii: "0")) else { return nil }
        if position < input.count && input[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while position < input.count, case let digit = input[position] &- UInt8(ascii: "0"), digit < 10 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                if mantissa != 0 { digits += 1 }
                scale -= 1
                position += 1
            }
            guard position > fractionStart else { return nil }
        }
        if position < input.count && (input[position] == UInt8(ascii: "e") || input[position] == UInt8(ascii: "E")) {
            position += 1
            var exponentNegative = false
            if position < input.count && (input[position] == UInt8(ascii: "+") || input[position] == UInt8(ascii: "-")) {
                exponentNegative = input[position] == UInt8(ascii: "-")
                position += 1
            }
            var exponent = 0
            let exponentStart = position
            while position < input.count, case let digit = input[position] &- UInt8(ascii: "0"), digit < 10, exponent < 1000 {
                exponent = exponent * 10 + Int(digit)
                position += 1
            }
            guard position > exponentStart else { return nil }
            scale += exponentNegative ? -exponent : exponent
        }
        // More digits than a UInt64 holds wrapped `mantissa`: the callers' digit limits refuse it.
        guard digits <= 19 else { return nil }
        if position < input.count, JSONReader.isNumberByte(input[position]) { return nil }
        return (negative, mantissa, digits, scale, position)
    }

    /// At most 15 significant digits and a power of ten within ±22 are both exact doubles, so
    /// one multiplication or division rounds correctly (Clinger's fast path); strtod reads the rest.
    mutating func plainDouble() -> Double? {
        guard let decimal = plainDecimal() else { return nil }
        var value: Double
        if decimal.digits <= 15, (-22...22).contains(decimal.scale) {
            value = Double(decimal.mantissa)
            if decimal.scale < 0 {
                value /= JSONReader.exactPowersOfTen[-decimal.scale]
            } else if decimal.scale > 0 {
                value *= JSONReader.exactPowersOfTen[decimal.scale]
            }
        } else if let wide = JSONReader.extendedDouble(decimal.mantissa, decimal.scale) {
            value = wide
        } else {
            return nil
        }
        index = decimal.end
        return decimal.negative ? -value : value
    }

    /// Up to 19 digits, as printed doubles have 16 or 17: on x86 the 64-bit significand of
    /// Float80 holds the digits and powers of ten to 10^27 exactly, so one operation rounds
    /// correctly there; rounding that to a double is right unless it lands next to a halfway
    /// point between two doubles, which is left to strtod.
    static func extendedDouble(_ mantissa: UInt64, _ scale: Int) -> Double? {
        #if arch(x86_64) || arch(i386)
        guard (-27...27).contains(scale) else { return nil }
        var wide = Float80(mantissa)
        let power = exactExtendedPowersOfTen[Int(scale.magnitude)]
        if scale < 0 { wide /= power } else { wide *= power }
        let belowDouble = wide.significandBitPattern & 0x7FF  // the 11 bits a double drops
        guard belowDouble < 0x3FF || belowDouble > 0x401 else { return nil }
        return Double(wide)
        #else
        return nil
        #endif
    }

    /// The same for floats: 7 digits (below 2^24) and powers of ten to 10^10 are exact floats.
    mutating func plainFloat() -> Float? {
        guard let decimal = plainDecimal(), decimal.digits <= 7, (-10...10).contains(decimal.scale) else { return nil }
        index = decimal.end
        var value = Float(decimal.mantissa)
        if decimal.scale < 0 {
            value /= Float(JSONReader.exactPowersOfTen[-decimal.scale])
        } else if decimal.scale > 0 {
            value *= Float(JSONReader.exactPowersOfTen[decimal.scale])
        }
        return decimal.negative ? -value : value
    }

    #if arch(x86_64) || arch(i386)
    static let exactExtendedPowersOfTen: [Float80] = {
        var powers: [Float80] = [1]
        for _ in 1...27 { powers.append(powers.last! * 10) }  // each exact: 5^27 < 2^64
        return powers
    }()
    #endif

    @usableFromInline static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// A float from a number, a numeric string, `"NaN"`, `"Infinity"` or `"-Infinity"`,
    /// correctly rounded; a finite value beyond the float range is an error, not infinity.
    public mutating func readFloat() throws -> Float {
        skipWhitespace()
        if let value = plainFloat() { return value }
        if let special = try specialFloat() { return Float(special) }
        let start = index
        let (text, _) = try numberText()
        // Correctly rounded: what lies within half a step above the largest float is that
        // float (its shortest text, 3.4028235e38, is just above it); beyond is too large.
        guard let value = Float(String(decoding: text, as: UTF8.self)), value.isFinite else {
            index = start
            throw error("number out of the range of a float")
        }
        return value
    }

    private mutating func specialFloat() throws -> Double? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        let start = index
        let content = try stringContent()
        switch String(decoding: content, as: UTF8.self) {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default:
            index = start
            return nil
        }
    }

    // MARK: Skipping

    /// Skips one value of any kind (for unknown members under `ignoreUnknownFields`).
    public mutating func skipValue() throws {
        switch peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            while try nextMemberName() != nil { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        case UInt8(ascii: "\""):
            _ = try stringContent()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            _ = try readBool()
        case UInt8(ascii: "n"):
            try literal("null")
        case nil:
            throw error("unexpected end of input")
        default:
            _ = try numberText(allowingQuotes: false)
        }
    }

    /// Where the reader is, to come back to it (an Any reads its object twice: once to find
    /// `@type`, once to decode the value).
    public var position: Int { index }

    /// Back to a position within the same value (after a value read that is to be reported
    /// at its start).
    public mutating func rewind(to position: Int) {
        index = position
    }

    /// A saved position of the reader, nesting included, for ``restore(_:)``.
    public struct Mark {
        let index: Int
        let depth: Int
        let atStart: Bool
    }

    /// Saves where the reader is (an Any reads its object twice: once to find `@type`, once
    /// for its content).
    public func mark() -> Mark { Mark(index: index, depth: depth, atStart: atStart) }

    /// Goes back to a position saved by ``mark()``.
    public mutating func restore(_ mark: Mark) {
        index = mark.index
        depth = mark.depth
        atStart = mark.atStart
    }

    /// Runs `body` on the object that follows, with its `@type` member skipped: an Any holds
    /// its message's fields beside `@type`.
    public mutating func decodeSkippingTypeKey(_ body: (inout JSONReader) throws -> Void) throws {
        let saved = typeKeyDepth
        typeKeyDepth = depth + 1
        defer { typeKeyDepth = saved }
        try body(&self)
    }
}

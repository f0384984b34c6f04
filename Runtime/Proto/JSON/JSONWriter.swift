/// Builds ProtoJSON text as UTF-8 bytes. Generated `encodeJSON` calls it field by field, in
/// field-number order; it inserts the commas, quotes the names and formats each value as the
/// JSON mapping asks (64-bit integers as strings, NaN and infinities as strings, bytes as
/// base64, enums by name).
public struct JSONWriter {
    /// The options the writer was made with; generated code and the codecs consult them.
    public let options: JSONEncodingOptions
    @usableFromInline var bytes: [UInt8] = []
    /// The next member or element is the first of its object or array (no comma before it).
    @usableFromInline var first = true

    /// An empty writer.
    public init(options: JSONEncodingOptions = JSONEncodingOptions()) {
        self.options = options
    }

    /// The JSON written so far, as UTF-8 (compact: no white space).
    public var output: [UInt8] { bytes }

    // MARK: Structure

    /// Writes `{`; the next ``key(_:_:)`` needs no comma.
    @inlinable public mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        first = true
    }

    /// Writes `}`.
    @inlinable public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        first = false
    }

    /// Writes `[`; call ``separator()`` before each element.
    @inlinable public mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        first = true
    }

    /// Writes `]`.
    @inlinable public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        first = false
    }

    /// Before each member of an object and each element of an array.
    @inlinable public mutating func separator() {
        if first {
            first = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// A member's name: the JSON name, or the proto name when `preserveProtoFieldNames`.
    @inlinable public mutating func key(_ jsonName: StaticString, _ protoName: StaticString) {
        separator()
        let name = options.preserveProtoFieldNames ? protoName : jsonName
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    /// A member whose name is only known at run time (map keys, Struct fields, `@type`).
    public mutating func key(_ name: String) {
        separator()
        putString(name)
        bytes.append(UInt8(ascii: ":"))
    }

    // MARK: Values

    /// Writes `null`.
    public mutating func putNull() {
        bytes.append(contentsOf: [UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "l"), UInt8(ascii: "l")])
    }

    /// Writes `true` or `false`.
    public mutating func putBool(_ value: Bool) {
        bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Writes a decimal number.
    @inlinable public mutating func putInt32(_ value: Int32) {
        appendDecimal(magnitude: UInt64(value.magnitude), negative: value < 0)
    }

    /// Writes a decimal number.
    @inlinable public mutating func putUInt32(_ value: UInt32) {
        appendDecimal(magnitude: UInt64(value), negative: false)
    }

    /// Quoted, as the mapping asks (JavaScript's numbers would lose precision above 2^53).
    @inlinable public mutating func putInt64(_ value: Int64) {
        let quoted = !options.alwaysPrintInt64sAsNumbers
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        appendDecimal(magnitude: value.magnitude, negative: value < 0)
        if quoted { bytes.append(UInt8(ascii: "\"")) }
    }

    /// Quoted, as the mapping asks (JavaScript's numbers would lose precision above 2^53),
    /// unless `alwaysPrintInt64sAsNumbers`.
    @inlinable public mutating func putUInt64(_ value: UInt64) {
        let quoted = !options.alwaysPrintInt64sAsNumbers
        if quoted { bytes.append(UInt8(ascii: "\"")) }
        appendDecimal(magnitude: value, negative: false)
        if quoted { bytes.append(UInt8(ascii: "\"")) }
    }

    /// The shortest decimal text that reads back as the same double (`1`, not `1.0`);
    /// `"NaN"`, `"Infinity"` and `"-Infinity"` as strings.
    public mutating func putDouble(_ value: Double) {
        if value.isNaN {
            bytes.append(contentsOf: Array("\"NaN\"".utf8))
        } else if value.isInfinite {
            bytes.append(contentsOf: Array(value < 0 ? "\"-Infinity\"".utf8 : "\"Infinity\"".utf8))
        } else {
            // Swift's shortest text that reads back as the same value, without a String.
            var text = NumberText()
            value.write(to: &text)
            appendNumberText(text)
        }
    }

    /// The shortest decimal text that reads back as the same float; non-finite values as
    /// ``putDouble(_:)`` writes them.
    public mutating func putFloat(_ value: Float) {
        if value.isNaN || value.isInfinite {
            putDouble(Double(value))
            return
        }
        // The shortest text of the largest floats (3.4028235e+38) lies just above them when read
        // as a double, which some readers (Python's) refuse; the double's own text does not.
        var text = NumberText()
        if value.magnitude > 3.4e38 {
            Double(value).write(to: &text)
        } else {
            value.write(to: &text)
        }
        appendNumberText(text)
    }

    /// `bytes` as a string of padded standard base64.
    public mutating func putBytes(_ value: [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        Base64.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A JSON string: quotes and backslashes escaped, control characters as `\uXXXX` (or their
    /// short forms), everything else as UTF-8.
    public mutating func putString(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                appendEscape(byte)
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Text already in JSON form (a nested writer's output).
    public mutating func putRaw(_ json: [UInt8]) {
        bytes.append(contentsOf: json)
    }

    /// An enum value: its name, or its number for values without one (and with
    /// `alwaysPrintEnumsAsInts`).
    public mutating func putEnum<E: Enum>(_ value: E) {
        if !options.alwaysPrintEnumsAsInts, let name = value.protoName {
            putString(name)
        } else {
            putInt32(Int32(truncatingIfNeeded: value.rawValue))
        }
    }

    // MARK: Helpers

    private mutating func appendEscape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }
    }

    /// Swift's text without its `.0` for whole numbers: `3`, as other runtimes and JavaScript
    /// write it. `-0.0` keeps it: readers that take `-0` for an integer lose the sign.
    private mutating func appendNumberText(_ text: NumberText) {
        text.withBytes { utf8 in
            let count = utf8.count
            if count > 2, utf8[count - 1] == UInt8(ascii: "0"), utf8[count - 2] == UInt8(ascii: "."),
               !(count == 4 && utf8[0] == UInt8(ascii: "-") && utf8[1] == UInt8(ascii: "0")) {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: utf8[..<(count - 2)]))
            } else {
                bytes.append(contentsOf: utf8)
            }
        }
    }

    @inlinable mutating func appendDecimal(magnitude: UInt64, negative: Bool) {
        if negative { bytes.append(UInt8(ascii: "-")) }
        if magnitude < 10 {
            bytes.append(UInt8(ascii: "0") &+ UInt8(magnitude))
            return
        }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 20 digits at most, written back to front
        var start = 24
        var rest = magnitude
        withUnsafeMutableBytes(of: &digits) { raw in
            // Two digits per division: half the divisions of one at a time.
            while rest >= 100 {
                let pair = Int(rest % 100)
                rest /= 100
                start -= 2
                raw[start] = JSONWriter.digitPairs[2 * pair]
                raw[start + 1] = JSONWriter.digitPairs[2 * pair + 1]
            }
            if rest >= 10 {
                start -= 2
                raw[start] = JSONWriter.digitPairs[2 * Int(rest)]
                raw[start + 1] = JSONWriter.digitPairs[2 * Int(rest) + 1]
            } else {
                start -= 1
                raw[start] = UInt8(ascii: "0") &+ UInt8(rest)
            }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[start...]))
        }
    }

    /// "00" to "99".
    @usableFromInline static let digitPairs: [UInt8] = (0..<100).flatMap { [UInt8(ascii: "0") + UInt8($0 / 10), UInt8(ascii: "0") + UInt8($0 % 10)] }
}

/// A number's text in place, with no String: the standard library writes a float's digits
/// from its stack buffer through `_writeASCII` when the stream has it (and through
/// `write(_:)` otherwise, which lands here too). The shortest text of a double is at most 24
/// bytes.
struct NumberText: TextOutputStream {
    private var storage: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var count = 0

    mutating func write(_ string: String) {
        for byte in string.utf8 { append(byte) }
    }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) {
        for byte in buffer { append(byte) }
    }

    private mutating func append(_ byte: UInt8) {
        guard count < 32 else { return }
        withUnsafeMutableBytes(of: &storage) { $0[count] = byte }
        count += 1
    }

    func withBytes<R>(_ body: (UnsafeRawBufferPointer) -> R) -> R {
        withUnsafeBytes(of: storage) { body(UnsafeRawBufferPointer(rebasing: $0[..<count])) }
    }
}

/// Swift literals for proto2 `[default = …]` values, as descriptor.proto spells them.
enum DefaultValueLiteral {
    static func swift(for field: ProtoField) -> String {
        let text = field.descriptor.defaultValue
        switch field.kind {
        case .string: return stringLiteral(text)
        case .bytes: return bytesLiteral(unescapeC(text))
        case .bool: return text == "true" ? "true" : "false"
        case .float, .double:
            let type = field.kind == .float ? "Float" : "Double"
            switch text {
            case "inf": return "\(type).infinity"
            case "-inf": return "-\(type).infinity"
            case "nan": return "\(type).nan"
            default: return text
            }
        case .enum:
            let type = field.enumType!
            return type.valueExpression(type.case(named: text) ?? type.defaultCase)
        default: return text
        }
    }

    /// A Swift string literal holding `text` exactly.
    static func stringLiteral(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out + "\""
    }

    static func bytesLiteral(_ bytes: [UInt8]) -> String {
        "[" + bytes.map { "0x" + String($0, radix: 16) }.joined(separator: ", ") + "]"
    }

    /// Undoes the C escaping protoc applies to bytes defaults (\n, \\, \', \", octal, hex).
    static func unescapeC(_ text: String) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < input.count {
            let byte = input[i]
            i += 1
            guard byte == UInt8(ascii: "\\"), i < input.count else {
                out.append(byte)
                continue
            }
            let escape = input[i]
            i += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "0")...UInt8(ascii: "7"):
                var value = Int(escape - UInt8(ascii: "0"))
                var digits = 1
                while digits < 3, i < input.count, (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(input[i]) {
                    value = value * 8 + Int(input[i] - UInt8(ascii: "0"))
                    i += 1
                    digits += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            case UInt8(ascii: "x"):
                var value = 0
                while i < input.count, let digit = hexValue(input[i]) {
                    value = value * 16 + digit
                    i += 1
                }
                out.append(UInt8(truncatingIfNeeded: value))
            default: out.append(escape)
            }
        }
        return out
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(byte - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }
}

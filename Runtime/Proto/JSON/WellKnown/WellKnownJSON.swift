/// The JSON forms of the well-known types that are not objects of their fields (ProtoJSON's
/// table of special representations). Their generated `encodeJSON` and `decodeJSON` call
/// these overloads.
public enum WellKnownJSON {
    /// Fractional seconds as the mapping prints them: none, or 3, 6 or 9 digits.
    static func appendFraction(_ nanos: Int32, to text: inout String) {
        guard nanos != 0 else { return }
        var digits = String(nanos)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        if nanos % 1_000_000 == 0 {
            digits = String(digits.prefix(3))
        } else if nanos % 1000 == 0 {
            digits = String(digits.prefix(6))
        }
        text += "." + digits
    }

    /// Up to nine fractional digits after a '.', as nanoseconds; nil when malformed.
    static func parseFraction(_ digits: Substring) -> Int32? {
        guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int32(digits + String(repeating: "0", count: 9 - digits.count))
    }

    static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

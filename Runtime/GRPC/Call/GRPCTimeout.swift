import SwiftProto
/// The `grpc-timeout` header: at most eight digits and a unit (H M S m u n).
enum GRPCTimeout {
    static func encode(_ duration: Duration) -> String {
        let nanoseconds = max(0, nanosecondsOf(duration))
        // Pick the finest unit that fits in eight digits, rounding up so a deadline never shrinks.
        let units: [(Int64, String)] = [(1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"),
                                        (60_000_000_000, "M"), (3_600_000_000_000, "H")]
        for (scale, unit) in units {
            let value = (nanoseconds + scale - 1) / scale
            if value <= 99_999_999 { return "\(value)\(unit)" }
        }
        return "99999999H"
    }

    static func decode(_ text: String) -> Duration? {
        guard let unit = text.last, text.count >= 2, text.count <= 9,
              let value = Int64(text.dropLast()), value >= 0 else { return nil }
        switch unit {
        case "H": return .seconds(value * 3600)
        case "M": return .seconds(value * 60)
        case "S": return .seconds(value)
        case "m": return .milliseconds(value)
        case "u": return .microseconds(value)
        case "n": return .nanoseconds(value)
        default: return nil
        }
    }

    static func nanosecondsOf(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        if seconds >= Int64.max / 1_000_000_000 { return Int64.max / 2 }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

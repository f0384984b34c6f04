/// The carrying and rounding shared by Timestamp and Duration.
enum TimeNormalisation {
    static let nanosPerSecond: Int64 = 1_000_000_000

    /// nanos into 0..<1e9, the whole seconds carried.
    static func timestamp(seconds: Int64, nanos: Int64) -> (Int64, Int32) {
        var carry = nanos / nanosPerSecond
        var rest = nanos % nanosPerSecond
        if rest < 0 {
            rest += nanosPerSecond
            carry -= 1
        }
        return (seconds &+ carry, Int32(rest))
    }

    /// nanos within ±1e9 and of the sign of the total.
    static func duration(seconds: Int64, nanos: Int64) -> (Int64, Int32) {
        var whole = seconds &+ nanos / nanosPerSecond
        var rest = nanos % nanosPerSecond
        if whole > 0 && rest < 0 {
            whole -= 1
            rest += nanosPerSecond
        } else if whole < 0 && rest > 0 {
            whole += 1
            rest -= nanosPerSecond
        }
        return (whole, Int32(rest))
    }

    /// Whole seconds and nanoseconds (same sign) of a Swift duration, rounding attoseconds.
    static func secondsAndNanos(of duration: Swift.Duration, rule: FloatingPointRoundingRule) -> (Int64, Int64) {
        var (seconds, attoseconds) = duration.components
        if seconds < 0 && attoseconds > 0 {  // give both parts the sign of the whole
            seconds += 1
            attoseconds -= 1_000_000_000_000_000_000
        }
        let attosPerNano: Int64 = 1_000_000_000
        var nanos = attoseconds / attosPerNano
        let remainder = attoseconds % attosPerNano
        if remainder != 0 {
            let up: Bool
            switch rule {
            case .toNearestOrAwayFromZero: up = remainder.magnitude * 2 >= attosPerNano.magnitude
            case .toNearestOrEven: up = remainder.magnitude * 2 > attosPerNano.magnitude
                || (remainder.magnitude * 2 == attosPerNano.magnitude && nanos % 2 != 0)
            case .awayFromZero: up = true
            case .towardZero: up = false
            case .up: up = remainder > 0
            case .down: up = remainder < 0
            @unknown default: up = false
            }
            if up { nanos += remainder < 0 ? -1 : 1 }
        }
        let (whole, rest) = Self.duration(seconds: seconds, nanos: nanos)
        return (whole, Int64(rest))
    }
}

/// A well-known type's value that is out of its range or badly formed.
public struct WellKnownTypeError: Error, CustomStringConvertible, Sendable {
    /// What is out of range or malformed, with the values.
    public let description: String
    init(_ description: String) { self.description = description }
}

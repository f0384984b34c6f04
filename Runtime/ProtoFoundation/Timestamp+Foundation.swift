import Foundation
import SwiftProto

/// Timestamps to and from Foundation's `Date` and `TimeInterval`.
extension Google_Protobuf_Timestamp {
    public init(date: Date) {
        self.init(roundingTimeIntervalSince1970: date.timeIntervalSince1970)
    }

    /// Seconds since 1970-01-01T00:00:00Z, rounded to the nanosecond by `rule`.
    public init(roundingTimeIntervalSince1970 interval: TimeInterval, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let (seconds, nanos) = FoundationTime.secondsAndNanos(interval, rule: rule)
        self.init(seconds: seconds, nanos: nanos)
    }

    public var date: Date { Date(timeIntervalSince1970: timeIntervalSince1970) }

    public var timeIntervalSince1970: TimeInterval { Double(seconds) + Double(nanos) / 1e9 }
}

/// Durations to and from `TimeInterval`.
extension Google_Protobuf_Duration {
    /// Seconds, rounded to the nanosecond by `rule`.
    public init(rounding interval: TimeInterval, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let (seconds, nanos) = FoundationTime.secondsAndNanos(interval, rule: rule)
        self.init(seconds: seconds, nanos: nanos)
    }

    public var timeInterval: TimeInterval { Double(seconds) + Double(nanos) / 1e9 }
}

enum FoundationTime {
    /// Whole seconds (toward minus infinity) and nanoseconds; the initialisers normalise.
    /// Intervals beyond Int64 seconds clamp rather than trap.
    static func secondsAndNanos(_ interval: TimeInterval, rule: FloatingPointRoundingRule) -> (Int64, Int32) {
        guard interval.isFinite else { return interval > 0 ? (Int64.max, 0) : (Int64.min, 0) }
        let whole = interval.rounded(.down)
        guard whole > -9.2e18, whole < 9.2e18 else { return whole > 0 ? (Int64.max, 0) : (Int64.min, 0) }
        let nanos = ((interval - whole) * 1e9).rounded(rule)
        return (Int64(whole), Int32(nanos))
    }
}

/// Durations between protobuf's seconds and nanos and Swift's `Duration`, normalised as the
/// schema asks (nanos within ±1e9 and of the same sign as seconds).
extension Google_Protobuf_Duration {
    /// A duration of `seconds` plus `nanos`, normalised: `init(seconds: 1, nanos: -1)` is
    /// 0.999999999 s.
    public init(seconds: Int64 = 0, nanos: Int32 = 0) {
        self.init()
        (self.seconds, self.nanos) = TimeNormalisation.duration(seconds: seconds, nanos: Int64(nanos))
    }

    /// `duration` to the nanosecond, rounded by `rule`.
    public init(rounding duration: Swift.Duration, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let (seconds, nanos) = TimeNormalisation.secondsAndNanos(of: duration, rule: rule)
        self.init(seconds: seconds, nanos: Int32(nanos))
    }

    /// Within ±315,576,000,000 s (10,000 years) with nanos in range and of the seconds' sign:
    /// what every protobuf runtime accepts and JSON can write.
    public var isValid: Bool {
        seconds.magnitude <= UInt64(WellKnownJSON.maximumDurationSeconds) && nanos.magnitude < 1_000_000_000
            && (seconds == 0 || nanos == 0 || (seconds < 0) == (nanos < 0))
    }

    /// Throws when the duration is not `isValid`, saying why.
    public func validated() throws -> Self {
        guard isValid else {
            throw WellKnownTypeError("Duration \(seconds)s \(nanos)ns is beyond ±315576000000 s or has mixed signs")
        }
        return self
    }
}

/// Swift's `Duration` from a protobuf one.
extension Swift.Duration {
    /// The protobuf duration, exactly.
    public init(_ duration: Google_Protobuf_Duration) {
        self = .seconds(duration.seconds) + .nanoseconds(Int64(duration.nanos))
    }
}

extension Google_Protobuf_Duration: ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral {
    /// Seconds, to the nearest nanosecond: `let timeout: Google_Protobuf_Duration = 1.5`.
    public init(floatLiteral seconds: Double) {
        let whole = seconds.rounded(.towardZero)
        self.init(seconds: Int64(whole), nanos: Int32(((seconds - whole) * 1e9).rounded(.toNearestOrAwayFromZero)))
    }

    /// Whole seconds: `let timeout: Google_Protobuf_Duration = 30`.
    public init(integerLiteral seconds: Int64) {
        self.init(seconds: seconds)
    }
}

extension Google_Protobuf_Duration: Comparable {
    /// Orders by seconds, then nanos (meaningful for normalised durations, which every
    /// initialiser here makes).
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}

extension Google_Protobuf_Duration {
    /// The same length, the other way.
    public static prefix func - (operand: Self) -> Self {
        Self(seconds: 0 &- operand.seconds, nanos: 0 &- operand.nanos)
    }

    /// The sum, normalised (nanos carry into seconds).
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(seconds: lhs.seconds &+ rhs.seconds, nanos: lhs.nanos &+ rhs.nanos)
    }

    /// The difference, normalised.
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(seconds: lhs.seconds &- rhs.seconds, nanos: lhs.nanos &- rhs.nanos)
    }
}

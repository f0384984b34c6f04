/// Timestamps as points on the Unix time line, without Foundation: built from seconds and
/// nanoseconds (normalised so that nanos is in 0..<1e9) or from a `Swift.Duration` since
/// 1970-01-01T00:00:00Z, with the arithmetic and ordering a time value should have.
extension Google_Protobuf_Timestamp {
    /// A timestamp `seconds` and `nanos` after the epoch; nanos outside 0..<1e9 carry into seconds.
    public init(seconds: Int64 = 0, nanos: Int32 = 0) {
        self.init()
        (self.seconds, self.nanos) = TimeNormalisation.timestamp(seconds: seconds, nanos: Int64(nanos))
    }

    /// The timestamp `sinceUnixEpoch` after 1970-01-01T00:00:00Z; sub-nanosecond parts are
    /// rounded by `rule`.
    public init(sinceUnixEpoch: Swift.Duration, rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        let (seconds, nanos) = TimeNormalisation.secondsAndNanos(of: sinceUnixEpoch, rule: rule)
        self.init(seconds: seconds, nanos: Int32(nanos))
    }

    /// The time since 1970-01-01T00:00:00Z, exactly.
    public var sinceUnixEpoch: Swift.Duration {
        .seconds(seconds) + .nanoseconds(Int64(nanos))
    }

    /// Within the range every protobuf runtime accepts (0001-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59.999999999Z) with nanos in 0..<1e9: what JSON can write.
    public var isValid: Bool {
        (WellKnownJSON.minimumTimestampSeconds...WellKnownJSON.maximumTimestampSeconds).contains(seconds)
            && (0..<1_000_000_000).contains(nanos)
    }

    /// Throws when the timestamp is not `isValid`, saying why.
    public func validated() throws -> Self {
        guard isValid else {
            throw WellKnownTypeError("Timestamp \(seconds)s \(nanos)ns is outside 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z")
        }
        return self
    }
}

extension Google_Protobuf_Timestamp: Comparable {
    /// Earlier timestamps first.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.seconds, lhs.nanos) < (rhs.seconds, rhs.nanos)
    }
}

extension Google_Protobuf_Timestamp {
    /// The timestamp `rhs` later (earlier for a negative duration), normalised.
    public static func + (lhs: Self, rhs: Google_Protobuf_Duration) -> Self {
        Self(seconds: lhs.seconds &+ rhs.seconds, nanos: lhs.nanos &+ rhs.nanos)
    }

    /// The timestamp `lhs` after `rhs`.
    public static func + (lhs: Google_Protobuf_Duration, rhs: Self) -> Self { rhs + lhs }

    /// The timestamp `rhs` earlier, normalised.
    public static func - (lhs: Self, rhs: Google_Protobuf_Duration) -> Self {
        Self(seconds: lhs.seconds &- rhs.seconds, nanos: lhs.nanos &- rhs.nanos)
    }

    /// The duration from `rhs` to `lhs`.
    public static func - (lhs: Self, rhs: Self) -> Google_Protobuf_Duration {
        Google_Protobuf_Duration(seconds: lhs.seconds &- rhs.seconds, nanos: lhs.nanos &- rhs.nanos)
    }
}

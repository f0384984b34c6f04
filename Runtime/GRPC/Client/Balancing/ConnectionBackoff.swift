/// gRPC's connection backoff (doc/connection-backoff.md): 1 s, ×1.6, up to 120 s, ±20 % jitter,
/// and at least 20 s for an attempt to connect.
public struct ConnectionBackoff: Sendable, Hashable {
    /// The delay after the first failure.
    public var initial: Duration = .seconds(1)
    /// How much each further failure multiplies the delay.
    public var multiplier = 1.6
    /// The longest delay.
    public var maximum: Duration = .seconds(120)
    /// Each delay is moved by up to this fraction either way, so clients do not retry in step.
    public var jitter = 0.2
    /// The least time an attempt to connect gets before it counts as failed.
    public var minimumConnectTimeout: Duration = .seconds(20)

    /// gRPC's values.
    public init() {}

    func delay(afterFailures failures: Int, jittered: Bool = true) -> Duration {
        var seconds = Double(GRPCTimeout.nanosecondsOf(initial)) / 1e9
        let cap = Double(GRPCTimeout.nanosecondsOf(maximum)) / 1e9
        for _ in 1..<max(1, failures) { seconds = min(cap, seconds * multiplier) }
        let spread = min(abs(jitter), 1)
        if jittered && spread > 0 { seconds *= 1 + Double.random(in: -spread...spread) }
        return .nanoseconds(Int64(seconds * 1e9))
    }
}


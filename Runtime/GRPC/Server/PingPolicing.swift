/// How often a client may ping (gRPC A8's enforcement): a server that answers every PING is
/// open to a cheap flood, so pings closer together than allowed earn strikes, and one strike
/// too many ends the connection with GOAWAY ENHANCE_YOUR_CALM "too_many_pings".
public struct KeepalivePolicy: Sendable, Hashable {
    /// The shortest interval between pings the server accepts while calls are in flight.
    public var minimumPingInterval: Duration
    /// Accept pings (at `minimumPingInterval`) on connections without calls; otherwise such
    /// pings may come only every two hours, as TCP's keepalive would.
    public var permitWithoutCalls: Bool
    /// Pings too early that are forgiven; 0 forgives every one.
    public var maxPingStrikes: Int

    /// The policy grpc's servers apply by default: pings at most every five minutes, only
    /// while calls are in flight, three too early end the connection.
    public init(minimumPingInterval: Duration = .seconds(300), permitWithoutCalls: Bool = false, maxPingStrikes: Int = 2) {
        self.minimumPingInterval = minimumPingInterval
        self.permitWithoutCalls = permitWithoutCalls
        self.maxPingStrikes = maxPingStrikes
    }
}

/// A8's strike count for one connection. Loop-confined.
struct PingPolicing {
    let policy: KeepalivePolicy
    private var lastValidPing: ContinuousClock.Instant?
    private var strikes = 0

    init(policy: KeepalivePolicy) {
        self.policy = policy
    }

    /// A PING arrived; true when the client has now pinged too often.
    mutating func pingReceived(hasCalls: Bool, now: ContinuousClock.Instant = .now) -> Bool {
        let interval = hasCalls || policy.permitWithoutCalls ? policy.minimumPingInterval : .seconds(7200)
        if let lastValidPing, now < lastValidPing + interval {
            strikes += 1
            return policy.maxPingStrikes > 0 && strikes > policy.maxPingStrikes
        }
        lastValidPing = now
        return false
    }

    /// We sent HEADERS or DATA: pings between responses are the client's business (A8).
    mutating func dataSent() {
        lastValidPing = nil
        strikes = 0
    }
}

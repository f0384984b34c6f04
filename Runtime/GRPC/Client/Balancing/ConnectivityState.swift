/// gRPC's connectivity states (doc/connectivity-semantics-and-api.md), of a channel and of
/// each of its subchannels.
public enum ConnectivityState: Sendable, Hashable, CustomStringConvertible {
    /// No connection and none being made; the next call (or, for a subchannel, its balancer)
    /// starts one.
    case idle
    /// A connection is being made (TCP, TLS, the HTTP/2 preface).
    case connecting
    /// A connection is up: calls go out at once.
    case ready
    /// The last attempt failed and the next waits for its backoff; calls that do not wait for
    /// ready fail with UNAVAILABLE.
    case transientFailure
    /// Closed for good: calls fail.
    case shutdown

    /// The name as gRPC writes it: `IDLE`, `TRANSIENT_FAILURE` …
    public var description: String {
        switch self {
        case .idle: return "IDLE"
        case .connecting: return "CONNECTING"
        case .ready: return "READY"
        case .transientFailure: return "TRANSIENT_FAILURE"
        case .shutdown: return "SHUTDOWN"
        }
    }
}

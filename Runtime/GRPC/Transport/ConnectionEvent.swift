/// Something that happened to a connection, below the RPCs, for logs and metrics: what no
/// call's status can report. Servers and channels hand them to their `connectionEvents`
/// closure (``ServerConfiguration/connectionEvents``, ``ChannelConfiguration/connectionEvents``).
public struct ConnectionEvent: Sendable, CustomStringConvertible {
    /// What happened.
    public enum Kind: Sendable, Equatable {
        /// Server: a connection ended before it could carry calls (TLS handshake, ALPN, a timeout).
        case handshakeFailed(String)
        /// Server: a client pinged more often than `keepalivePolicy` allows and was sent GOAWAY.
        case tooManyPings
        /// Server: accept() failed for want of file descriptors; accepting pauses for a while.
        case acceptPaused(String)
        /// Server: a connection over `maxConnections` was closed on arrival.
        case connectionRefused
        /// Channel: no usable connection could be made (the name did not resolve, no address
        /// answered, the TLS handshake or the HTTP/2 preface failed); the channel backs off
        /// and tries again when calls need it.
        case connectFailed(String)
        /// The peer sent GOAWAY: no new calls on the connection. `errorCode` is HTTP/2's
        /// (0, NO_ERROR, for a graceful one); `debugData` may say why (`too_many_pings`).
        case goawayReceived(errorCode: UInt32, debugData: String)
        /// A keepalive PING went unanswered within its timeout: the connection is closed and
        /// its calls fail with UNAVAILABLE.
        case keepaliveTimeout
        /// A connection that could carry calls has closed, for `reason` (the peer closed it,
        /// an I/O error, the channel was closed, the server shut down).
        case connectionClosed(String)
        /// Channel: the resolver gave a service config that does not parse or names no known
        /// balancer; the channel keeps the config it had.
        case serviceConfigRejected(String)
    }

    /// What happened.
    public let kind: Kind
    /// The other side's address, when the event concerns one connection: a server's client
    /// (`127.0.0.1:52114`), a channel's target.
    public let peer: String?

    /// An event of `kind` on the connection with `peer`.
    public init(kind: Kind, peer: String?) {
        self.kind = kind
        self.peer = peer
    }

    /// The event in words, after the peer's address: `127.0.0.1:52114: too many pings; …`.
    public var description: String {
        let subject = peer.map { "\($0): " } ?? ""
        switch kind {
        case .handshakeFailed(let reason): return subject + reason
        case .tooManyPings: return subject + "too many pings; sent GOAWAY too_many_pings"
        case .acceptPaused(let reason): return subject + "accept paused: \(reason)"
        case .connectionRefused: return subject + "connection refused: the server is at maxConnections"
        case .connectFailed(let reason): return subject + reason
        case .goawayReceived(let code, let debugData):
            let name = code == 0 ? "NO_ERROR" : ClientConnectionHandler.name(ofErrorCode: code)
            return subject + "GOAWAY received (\(name))" + (debugData.isEmpty ? "" : ": \(debugData)")
        case .keepaliveTimeout: return subject + "keepalive timeout: no answer to a ping; connection closed"
        case .connectionClosed(let reason): return subject + "connection closed: \(reason)"
        case .serviceConfigRejected(let reason): return subject + "service config from the resolver rejected: \(reason)"
        }
    }
}

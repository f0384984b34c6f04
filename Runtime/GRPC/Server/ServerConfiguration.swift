/// Limits and tuning for a server; every limit has a default.
public struct ServerConfiguration: Sendable {
    /// Largest request message accepted; larger ones end the RPC with RESOURCE_EXHAUSTED.
    public var maxReceiveMessageSize = 4 * 1024 * 1024
    /// Streams a client may have open on one connection (SETTINGS_MAX_CONCURRENT_STREAMS).
    public var maxConcurrentStreams: UInt32 = 100
    /// Largest header list accepted (SETTINGS_MAX_HEADER_LIST_SIZE); larger requests are refused.
    public var maxHeaderListSize: UInt32 = 16 << 10
    /// Open connections at most; nil for no limit. A connection over the limit is closed as
    /// soon as it is accepted, so its client fails fast and may try elsewhere.
    public var maxConnections: Int?
    /// The server's own keepalive pings (A8/A9: every two hours by default, calls or not).
    public var keepalive: Keepalive? = Keepalive(time: .seconds(7200), timeout: .seconds(20), permitWithoutCalls: true)
    /// How often clients may ping before they are told `too_many_pings`.
    public var keepalivePolicy = KeepalivePolicy()
    /// A connection without calls for this long is sent a graceful GOAWAY (A9's max_idle).
    public var maxConnectionIdle: Duration?
    /// A connection this old (±10 %) is sent a graceful GOAWAY (A9's max_age) ...
    public var maxConnectionAge: Duration?
    /// ... and is closed this long after its final GOAWAY, calls or not (nil: when they end).
    public var maxConnectionAgeGrace: Duration?
    /// I/O threads; by default one per core.
    public var threads: Int?
    /// Run handlers on the I/O thread of their connection instead of Swift's cooperative pool.
    /// This saves two thread hops per RPC, but a handler that blocks or computes for long then
    /// holds up every connection on its thread: turn it on for handlers that only await.
    public var runsHandlersOnEventLoop = false
    /// Told of what goes wrong below the RPCs (a failed TLS handshake, a client that pings too
    /// often, accept() out of descriptors), which no call's status can report. Called on an
    /// I/O thread: hand the event off, do not block.
    public var connectionEvents: (@Sendable (ConnectionEvent) -> Void)?
    /// Interceptors of the server's RPCs, outermost first, each for the methods of its
    /// subject (see ``ServerInterceptor``). None by default, which costs the RPCs nothing.
    public var interceptors: [ConditionalInterceptor<any ServerInterceptor>] = []

    /// Every default: 4 MiB messages, 100 concurrent streams per connection, 16 KiB header
    /// lists, no connection limit, server pings every two hours, grpc's ping policy, no idle
    /// or age limit, one I/O thread per core, handlers on Swift's cooperative pool.
    public init() {}

    func report(_ kind: ConnectionEvent.Kind, peer: PeerIdentity?) {
        connectionEvents?(ConnectionEvent(kind: kind, peer: peer?.address))
    }
}

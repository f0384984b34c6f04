import Synchronization

/// Limits and tuning for a channel.
public struct ChannelConfiguration: Sendable {
    /// TLS for the connection (nil: plaintext HTTP/2 with prior knowledge).
    public var tls: ClientTLS?
    /// Keepalive pings (gRPC A8); nil sends none.
    public var keepalive: Keepalive?
    /// Streams' initial flow-control window, announced in SETTINGS.
    public var initialWindowSize: UInt32 = 1 << 20
    /// Largest response header (or trailer) list accepted; larger ones end the call with RESOURCE_EXHAUSTED.
    public var maxHeaderListSize: UInt32 = 16 << 10
    /// The `:authority` of requests; by default the target (or the TLS host name override), with its port.
    public var authority: String?
    /// Interceptors of the channel's calls, outermost first, each for the calls of its subject
    /// (see ``ClientInterceptor``). None by default, which costs the calls nothing.
    public var interceptors: [ConditionalInterceptor<any ClientInterceptor>] = []
    /// Told of what goes wrong below the calls (a failed connect, a GOAWAY, a keepalive
    /// timeout, a connection lost), for logs. Called on the channel's I/O thread: hand the
    /// event off, do not block.
    public var connectionEvents: (@Sendable (ConnectionEvent) -> Void)?
    /// Balancers a service config may name besides the built-in `pick_first` and `round_robin`
    /// (a custom one of the same name replaces the built-in).
    public var loadBalancers: [any LoadBalancerFactory] = []
    /// The resolver is asked again when a connection is lost or fails, but no more often than this.
    public var minimumResolutionInterval: Duration = .seconds(30)
    /// With no call for this long the channel closes its connections and goes IDLE; the next
    /// call resolves and connects again. nil never goes idle.
    public var idleTimeout: Duration? = .seconds(30 * 60)
    /// How each subchannel backs off between connection attempts (gRPC's values by default).
    public var connectionBackoff = ConnectionBackoff()
    /// Request bytes one retryable call keeps for replay; past it the call commits to its
    /// current attempt (is no longer retried). A streaming call without a retry policy keeps
    /// as many, until the response headers, to go again if the server refuses its stream.
    public var perCallRetryBufferSize = 256 << 10
    /// Request bytes all of the channel's retryable calls keep for replay together; past it a
    /// call commits as above.
    public var retryBufferSize = 16 << 20

    /// A configuration with the given TLS and keepalive and the defaults for the rest
    /// (1 MiB initial window, 16 KiB header lists, the target as `:authority`, re-resolution
    /// at most every 30 s, idle after 30 min, gRPC's connection backoff, 256 KiB retry buffer
    /// per call and 16 MiB per channel).
    public init(tls: ClientTLS? = nil, keepalive: Keepalive? = nil) {
        self.tls = tls
        self.keepalive = keepalive
    }
}

/// A client's connection to a service: resolves its target (`dns:`, `ipv4:`, `ipv6:`, `unix:`,
/// `unix-abstract:`, `inprocess:`, or your own ``NameResolver``), balances calls over the
/// addresses (`pick_first` by default, `round_robin`, or your own ``LoadBalancer``), applies
/// a service config (per-method timeouts, limits, retries and hedging), connects on first
/// use, reconnects with backoff, and carries any number of concurrent RPCs over each HTTP/2
/// connection.
public final class Channel: Sendable {
    /// The target this channel was made for, as text (`dns:///orders:443`, `unix:/run/a.sock`).
    public let target: String
    /// The target as one address, for interceptors (OpenTelemetry's `server.address`).
    let address: SocketTarget
    let core: ChannelCore
    let interceptors: [ConditionalInterceptor<any ClientInterceptor>]
    var loop: EventLoop { core.loop }

    /// A channel to `target`, as grpc's naming doc writes targets: `host:port` (DNS),
    /// `dns:[//authority/]host[:port]`, `ipv4:addr[:port][,addr[:port]…]`,
    /// `ipv6:[addr][:port][,…]`, `unix:path`, `unix:///abs/path`, `unix-abstract:name`, or
    /// `inprocess:NAME` for a server in this process. The port defaults to 443.
    ///
    /// ```swift
    /// let channel = try Channel(target: "dns:///orders.internal:50051", serviceConfig: """
    ///     {"loadBalancingConfig": [{"round_robin": {}}],
    ///      "methodConfig": [{"name": [{"service": "orders.Orders"}], "timeout": "2s",
    ///                        "retryPolicy": {"maxAttempts": 3, "initialBackoff": "0.1s", "maxBackoff": "1s",
    ///                                        "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]}}]}
    ///     """)
    /// ```
    ///
    /// - Parameters:
    ///   - target: where the channel's calls go, in one of the forms above.
    ///   - serviceConfig: gRPC's service config JSON, as grpc-go and gRPC C++ take it (used
    ///     while the resolver supplies none).
    ///   - configuration: TLS, keepalive, limits, interceptors, balancers, timers.
    /// - Throws: ``RPCError`` (INVALID_ARGUMENT) for a malformed target, a service config that
    ///   does not parse (naming the field) or names no known balancer, or a TLS configuration
    ///   that cannot be used (a missing or malformed PEM file, or any TLS for an in-process target).
    public convenience init(target: String, serviceConfig: String? = nil, configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        let parsed = try ChannelTarget(parsing: target)
        try self.init(parsed, text: target, serviceConfig: serviceConfig, configuration: configuration)
    }

    /// A channel to one address (a host name is resolved with DNS).
    ///
    /// - Parameters:
    ///   - target: the server's address.
    ///   - serviceConfig: gRPC's service config JSON (used while the resolver supplies none).
    ///   - configuration: TLS, keepalive, limits, interceptors, balancers, timers.
    /// - Throws: ``RPCError`` as ``init(target:serviceConfig:configuration:)-(String,_,_)`` does.
    public convenience init(target: SocketTarget, serviceConfig: String? = nil, configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        try self.init(ChannelTarget(target), text: target.description, serviceConfig: serviceConfig, configuration: configuration)
    }

    private convenience init(_ target: ChannelTarget, text: String, serviceConfig: String?, configuration: ChannelConfiguration) throws {
        if target.scheme == "inprocess", configuration.tls != nil {
            throw RPCError(code: .invalidArgument, message: "\(target) cannot use TLS: no bytes leave the process")
        }
        try self.init(resolver: target.makeResolver(), authority: target.authority, serverName: target.host, text: text,
                      address: target.endpoints[0], serviceConfig: serviceConfig, configuration: configuration)
    }

    /// A channel over the addresses your own resolver finds (a static list, a registry).
    ///
    /// - Parameters:
    ///   - resolver: finds the addresses, when the channel first needs them and after a
    ///     connection breaks.
    ///   - authority: the `:authority` calls carry (and, for TLS, the name the server's
    ///     certificate must hold, unless `serverHostnameOverride` says otherwise).
    ///   - serviceConfig: gRPC's service config JSON (used while the resolver supplies none).
    ///   - configuration: TLS, keepalive, limits, interceptors, balancers, timers.
    /// - Throws: ``RPCError`` (INVALID_ARGUMENT) for a service config that does not parse or
    ///   names no known balancer, or a TLS configuration that cannot be used.
    public convenience init(resolver: any NameResolver, authority: String, serviceConfig: String? = nil,
                            configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        let host = SocketTarget(authority).map { $0.host } ?? authority
        try self.init(resolver: resolver, authority: authority, serverName: host, text: authority,
                      address: SocketTarget(authority) ?? .tcp(host: authority, port: 443), serviceConfig: serviceConfig,
                      configuration: configuration)
    }

    private init(resolver: any NameResolver, authority: String, serverName: String, text: String, address: SocketTarget,
                 serviceConfig: String?, configuration: ChannelConfiguration) throws {
        self.target = text
        self.address = address
        let config = try serviceConfig.map { try ServiceConfig(json: $0) } ?? ServiceConfig()
        let tlsName = configuration.tls?.serverHostnameOverride
        var callAuthority = configuration.authority ?? authority
        if configuration.authority == nil, let tlsName {
            let port = SocketTarget(authority)?.port ?? 443
            callAuthority = SocketTarget.tcp(host: tlsName, port: port).authority
        }
        let settings = SubchannelSettings(tls: try configuration.tls.map { try TLSContext(client: $0) }, serverName: tlsName ?? serverName,
                                          tlsHandshakeTimeout: configuration.tls?.handshakeTimeout ?? .seconds(10),
                                          authority: callAuthority, initialWindowSize: configuration.initialWindowSize,
                                          maxHeaderListSize: configuration.maxHeaderListSize, keepalive: configuration.keepalive,
                                          backoff: configuration.connectionBackoff)
        core = try ChannelCore(loop: EventLoopGroup.shared.nextLoop(), configuration: configuration, resolver: resolver,
                               settings: settings, serviceConfig: config)
        interceptors = configuration.interceptors
    }

    /// The I/O thread of this channel's connections as a task executor. Code that only awaits
    /// its calls (no blocking, no long computation) can run on it with
    /// `withTaskExecutorPreference(channel.executor) { ... }`: each message then reaches it
    /// with no thread hop, as unary calls always do. Code that blocks there would stall every
    /// call on the thread.
    public var executor: any TaskExecutor { loop.taskExecutor }

    /// The channel's state now: IDLE until the first call (and after the idle timeout),
    /// CONNECTING, READY, TRANSIENT_FAILURE while no address answers, SHUTDOWN once closed.
    public var connectivityState: ConnectivityState { core.publishedState.withLock { $0 } }

    /// The state now, then each change, until the channel closes (the sequence then ends
    /// after SHUTDOWN). Watching does not make the channel connect.
    public func connectivityStates() -> AsyncStream<ConnectivityState> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConnectivityState.self, bufferingPolicy: .unbounded)
        let core = self.core
        loop.execute { core.watch(continuation) }
        return stream
    }

    /// Starts connecting now if the channel is IDLE, instead of at the first call.
    public func connect() {
        let core = self.core
        loop.execute { core.wake() }
    }

    /// Closes the connections; calls in flight end with UNAVAILABLE.
    public func close() {
        let core = self.core
        loop.execute { core.close() }
    }

    deinit {
        let core = self.core
        core.loop.execute { core.close() }
    }

    // MARK: Starting calls

    /// Starts an RPC: applies the method's service config, waits for a connection (per
    /// `options`), then opens its stream, with retries or hedging when the config asks. A
    /// single request (unary, server streaming) goes with the start, half-closed, in the same hop.
    func startCall(path: String, options: CallOptions, onlyRequest: [UInt8]? = nil,
                   interception: ClientInterception? = nil) async throws -> ClientCall {
        var options = options
        let method = core.hasMethodConfigs.load(ordering: .relaxed) ? core.serviceConfig.withLock { $0.methodConfig(forPath: path) } : nil
        if let method { method.apply(to: &options) }
        if let onlyRequest, let limit = method?.maxRequestMessageBytes, onlyRequest.count - 5 > limit {
            throw RPCError.requestTooLarge(onlyRequest.count - 5, limit: limit)
        }
        let deadline = options.effectiveDeadline(now: ContinuousClock.now)
        let policy = method?.retryPolicy.map(RetryingCall.Policy.retry) ?? method?.hedgingPolicy.map(RetryingCall.Policy.hedging)
        // A retried call picks per attempt, so a failed pick is the policy's to retry (A6).
        let handler = core.isReady.load(ordering: .acquiring) || policy != nil
            ? nil : try await connection(path: path, options: options, deadline: deadline)
        var request = StreamRequest(path: path, options: options, deadline: deadline, onlyRequest: onlyRequest,
                                    maxRequestMessageBytes: method?.maxRequestMessageBytes)
        if onlyRequest == nil && policy == nil { request.replayLimit = core.configuration.perCallRetryBufferSize }
        let stream = ClientStream(request: request, loop: loop)
        let call = ClientCall(stream: stream, loop: loop, compression: options.compression, interception: interception)
        if let onlyRequest {
            try await stream.gate.reserve(onlyRequest.count)
        }
        let core = self.core
        if let policy {
            loop.execute { RetryingCall(front: stream, policy: policy, core: core).start(preferred: handler) }
        } else {
            loop.execute { core.open(stream, preferred: handler) }
        }
        return call
    }

    private func connection(path: String, options: CallOptions, deadline: ContinuousClock.Instant?) async throws -> ClientConnectionHandler {
        let core = self.core
        /// The waiter's id once it is registered, or `cancelled` when the task was cancelled first.
        let waiter = Mutex<(id: Int?, cancelled: Bool)>((nil, false))
        let request = PickRequest(path: path, metadata: options.metadata)
        let cancelled = RPCError(code: .cancelled, message: "the call was cancelled")
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ClientConnectionHandler, Error>) in
                let resumed = Mutex(false)
                let resume: @Sendable (Result<ClientConnectionHandler, RPCError>) -> Void = { result in
                    guard resumed.withLock({ done in defer { done = true }; return !done }) else { return }
                    continuation.resume(with: result.mapError { $0 as Error })
                }
                core.loop.execute {
                    let id = core.connection(for: request, waitForReady: options.waitForReady) { resume($0) }
                    // A cancellation that came before the waiter existed could not abandon it.
                    if waiter.withLock({ state in state.id = id; return state.cancelled }) {
                        core.abandon(id, with: cancelled)
                    }
                    if let deadline {
                        core.loop.schedule(at: deadline) {
                            core.abandon(id, with: RPCError(code: .deadlineExceeded, message: "deadline exceeded while waiting for a connection"))
                        }
                    }
                }
            }
        } onCancel: {
            core.loop.execute {
                if let id = waiter.withLock({ state in state.cancelled = true; return state.id }) {
                    core.abandon(id, with: cancelled)
                }
            }
        }
    }
}

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

    /// A configuration with the given TLS and keepalive and the defaults for the rest
    /// (1 MiB initial window, 16 KiB header lists, the target as `:authority`).
    public init(tls: ClientTLS? = nil, keepalive: Keepalive? = nil) {
        self.tls = tls
        self.keepalive = keepalive
    }
}

/// A client's connection to one server (`host:port`, `unix:PATH`, or `inprocess:NAME` for a
/// server in this process): connects on first use, reconnects with backoff, and carries any
/// number of concurrent RPCs over one HTTP/2 connection.
public final class Channel: Sendable {
    /// The server this channel connects to.
    public let target: SocketTarget
    let manager: ConnectionManager
    let interceptors: [ConditionalInterceptor<any ClientInterceptor>]
    var loop: EventLoop { manager.loop }

    /// Throws for a TLS configuration that cannot be used (a missing or malformed PEM file, or
    /// any TLS for an in-process target).
    public init(target: SocketTarget, configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        self.target = target
        var configuration = configuration
        if configuration.authority == nil, let name = configuration.tls?.serverHostnameOverride {
            configuration.authority = SocketTarget.tcp(host: name, port: target.port ?? 443).authority
        }
        manager = try ConnectionManager(loop: EventLoopGroup.shared.nextLoop(), target: target, configuration: configuration)
        interceptors = configuration.interceptors
    }

    /// `host:port`, `[v6]:port`, `unix:PATH` or `inprocess:NAME`.
    public convenience init(target: String, configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        guard let parsed = SocketTarget(target) else {
            throw RPCError(code: .invalidArgument, message: "'\(target)' is not host:port, unix:PATH or inprocess:NAME")
        }
        try self.init(target: parsed, configuration: configuration)
    }

    /// The I/O thread of this channel's connection as a task executor. Code that only awaits
    /// its calls (no blocking, no long computation) can run on it with
    /// `withTaskExecutorPreference(channel.executor) { ... }`: each message then reaches it
    /// with no thread hop, as unary calls always do. Code that blocks there would stall every
    /// call on the thread.
    public var executor: any TaskExecutor { loop.taskExecutor }

    /// Closes the connection; calls in flight end with UNAVAILABLE.
    public func close() {
        let manager = self.manager
        loop.execute { manager.close() }
    }

    deinit {
        let manager = self.manager
        manager.loop.execute { manager.close() }
    }

    // MARK: Starting calls

    /// Starts an RPC: waits for a connection (per `options`), then opens its stream. A single
    /// request (unary, server streaming) goes with the start, half-closed, in the same hop.
    func startCall(path: String, options: CallOptions, onlyRequest: [UInt8]? = nil,
                   interception: ClientInterception? = nil) async throws -> ClientCall {
        let deadline = options.effectiveDeadline(now: ContinuousClock.now)
        let cached = manager.readyHandler.withLock { $0 }
        let handler = if let cached { cached } else { try await connection(options: options, deadline: deadline) }
        let stream = ClientStream(request: StreamRequest(path: path, options: options, deadline: deadline, onlyRequest: onlyRequest),
                                  loop: loop)
        let call = ClientCall(stream: stream, loop: loop, compression: options.compression, interception: interception)
        if let onlyRequest {
            try await stream.gate.reserve(onlyRequest.count)
        }
        let manager = self.manager
        loop.execute { manager.open(stream, preferred: handler) }
        return call
    }

    private func connection(options: CallOptions, deadline: ContinuousClock.Instant?) async throws -> ClientConnectionHandler {
        let manager = self.manager
        let waiterID = Mutex<Int?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<ClientConnectionHandler, Error>) in
                let resumed = Mutex(false)
                let resume: @Sendable (Result<ClientConnectionHandler, RPCError>) -> Void = { result in
                    guard resumed.withLock({ done in defer { done = true }; return !done }) else { return }
                    continuation.resume(with: result.mapError { $0 as Error })
                }
                manager.loop.execute {
                    let id = manager.connection(waitForReady: options.waitForReady) { resume($0) }
                    waiterID.withLock { $0 = id }
                    if let deadline {
                        manager.loop.schedule(at: deadline) {
                            manager.abandon(id, with: RPCError(code: .deadlineExceeded, message: "deadline exceeded while waiting for a connection"))
                        }
                    }
                }
            }
        } onCancel: {
            manager.loop.execute {
                if let id = waiterID.withLock({ $0 }) {
                    manager.abandon(id, with: RPCError(code: .cancelled, message: "the call was cancelled"))
                }
            }
        }
    }
}

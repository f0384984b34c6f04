import Synchronization

/// Limits and tuning for a channel.
public struct ChannelConfiguration: Sendable {
    /// Streams' initial flow-control window, announced in SETTINGS.
    public var initialWindowSize: UInt32 = 1 << 20
    public init() {}
}

/// A client's connection to one server (`host:port` or `unix:PATH`): connects on first use,
/// reconnects with backoff, and carries any number of concurrent RPCs over one HTTP/2 connection.
public final class Channel: Sendable {
    public let target: SocketTarget
    let manager: ConnectionManager
    var loop: EventLoop { manager.loop }

    public init(target: SocketTarget, configuration: ChannelConfiguration = ChannelConfiguration()) {
        self.target = target
        var settings = HTTP2Settings()
        settings.initialWindowSize = configuration.initialWindowSize
        manager = ConnectionManager(loop: EventLoopGroup.shared.nextLoop(), target: target, settings: settings)
    }

    /// `host:port`, `[v6]:port` or `unix:PATH`.
    public convenience init(target: String, configuration: ChannelConfiguration = ChannelConfiguration()) throws {
        guard let parsed = SocketTarget(target) else {
            throw RPCError(code: .invalidArgument, message: "'\(target)' is not host:port or unix:PATH")
        }
        self.init(target: parsed, configuration: configuration)
    }

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
    func startCall(path: String, options: CallOptions, onlyRequest: [UInt8]? = nil) async throws -> ClientCall {
        let deadline = options.effectiveDeadline(now: ContinuousClock.now)
        let cached = manager.readyHandler.withLock { $0 }
        let handler = if let cached { cached } else { try await connection(options: options, deadline: deadline) }
        let stream = ClientStream(maxMessageSize: options.maxReceiveMessageSize)
        let loop = self.loop
        let responses = MessageQueue { [stream] backlog in
            guard backlog == 0, stream.holding.isSet else { return }
            loop.execute { stream.handler?.releaseHeldWindow(stream) }
        }
        let call = ClientCall(stream: stream, loop: loop, responses: responses, compression: options.compression)
        stream.call = call
        if let onlyRequest {
            try await call.gate.reserve(onlyRequest.count)
        }
        loop.execute {
            handler.start(stream, path: path, options: options, deadline: deadline)
            if let onlyRequest {
                stream.enqueue(onlyRequest)
                stream.finishSending()
            }
        }
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

import SwiftProto
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A gRPC server: listens on TCP or Unix sockets, plaintext or TLS (several at once), and
/// serves the registered services over HTTP/2, to channels in the same process too (with no
/// socket: ``inProcessChannel(configuration:)``).
///
///     let server = Server(services: [GreeterService()])
///     let port = try await server.start(.tcp(host: "127.0.0.1", port: 50051))
///     await server.waitUntilStopped()
public final class Server: Sendable {
    private let router: Router
    private let configuration: ServerConfiguration
    private let group: EventLoopGroup
    /// Threads made for this server (ServerConfiguration.threads), ended by shutdown.
    private let ownsGroup: Bool
    private let state = Mutex(State())
    /// Services that hear of the server's shutdown (health), told before it drains.
    private let observers: [any ServerObservingService]

    /// The services this server routes to and the files declaring them.
    public let hostedServices: HostedServices

    private struct State {
        var listeners: [(listener: Listener, tls: ServerTLSCredentials?)] = []
        var connections: [ObjectIdentifier: ServerConnectionHandler] = [:]
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// A server for `services` (a later service's method replaces an earlier one at the same
    /// path); nothing listens until ``start(_:tls:)``. With `configuration.threads` set, the
    /// server runs its own I/O threads (ended by ``shutdown(grace:)``), else the process's
    /// shared ones, one per core.
    public init(services: [any RegistrableService], configuration: ServerConfiguration = ServerConfiguration()) {
        var router = Router()
        for service in services { service.register(with: &router) }
        router.intercept(with: configuration.interceptors)
        self.router = router
        self.configuration = configuration
        hostedServices = HostedServices(router: router, services: services)
        observers = services.compactMap { $0 as? any ServerObservingService }
        if let threads = configuration.threads, let group = try? EventLoopGroup(threads: threads) {
            self.group = group
            ownsGroup = true
        } else {
            group = .shared
            ownsGroup = false
        }
        for observer in observers { observer.serverWillServe(hostedServices) }
    }

    /// Starts listening, over TLS when `tls` is given (call it again for more ports, plaintext
    /// and TLS side by side); returns the port bound (useful with port 0), or 0 for a Unix socket
    /// or an in-process name (``SocketTarget/inProcess(name:)``: channels in this process reach
    /// it as `inprocess:NAME`, with no socket). Throws for an address that cannot be bound, a
    /// name another server holds, or a TLS configuration that cannot be used.
    @discardableResult
    public func start(_ target: SocketTarget, tls: ServerTLS? = nil) async throws -> Int {
        if case .inProcess(let name) = target {
            try startInProcess(as: name, tls: tls)
            return 0
        }
        let credentials = try tls.map { try ServerTLSCredentials($0) }
        let (fd, port) = try Socket.listen(target)
        let loop = group.nextLoop()
        let configuration = self.configuration
        let listener = Listener(fd: fd, loop: loop, target: target) { [weak self] client, peer in
            self?.accepted(client, peer: peer, tls: credentials)
        } onPause: { reason in
            configuration.report(.acceptPaused(reason), peer: nil)
        }
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            loop.execute {
                do {
                    try loop.register(fd, listener)
                    continuation.resume()
                } catch {
                    close(fd)
                    continuation.resume(throwing: error)
                }
            }
        }
        state.withLock { $0.listeners.append((listener, credentials)) }
        return port
    }

    /// Replaces the certificate and key (and client CA) of every TLS port, without a restart:
    /// connections made from now on use them, open ones keep theirs. With no argument, reads
    /// the configured files again (after a certificate was renewed in place). Throws, keeping
    /// the old credentials, when the new ones cannot be used.
    public func reloadTLS(_ tls: ServerTLS? = nil) throws {
        let credentials = state.withLock { $0.listeners.compactMap(\.tls) }
        for current in credentials { try current.reload(tls) }
    }

    private func accepted(_ fd: Int32, peer: String, tls: ServerTLSCredentials?) {
        let loop = group.nextLoop()
        loop.execute { [self] in
            let socket = SocketStream(loop: loop, fd: fd, peer: peer)
            let stream: any ByteStream = if let tls {
                TLSStream(over: socket, loop: loop, context: tls.current, role: .server, handshakeTimeout: tls.handshakeTimeout)
            } else {
                socket
            }
            serve(stream, on: loop)
        }
    }

    /// Serves HTTP/2 over a connected byte stream (an accepted socket, or the server's end of an
    /// in-process pipe), on `loop`'s thread; refuses it when the server has shut down or is at
    /// `maxConnections`.
    func serve(_ stream: any ByteStream, on loop: EventLoop) {
        let settings = HTTP2Settings(maxConcurrentStreams: configuration.maxConcurrentStreams,
                                     maxHeaderListSize: configuration.maxHeaderListSize)
        guard let connection = try? HTTP2Connection(stream: stream, loop: loop, server: true, settings: settings) else {
            stream.refuse(reason: "the server could not open an HTTP/2 session")
            return
        }
        let handler = ServerConnectionHandler(connection: connection, router: router, configuration: configuration)
        connection.handler = handler
        let key = ObjectIdentifier(handler)
        let admitted = state.withLock { state -> Bool? in
            guard !state.stopped else { return nil }
            if let limit = configuration.maxConnections, state.connections.count >= limit { return false }
            state.connections[key] = handler
            return true
        }
        guard admitted == true else {
            if admitted == false { configuration.report(.connectionRefused, peer: stream.peer) }
            stream.refuse(reason: admitted == false ? "the server is at maxConnections" : "the server has shut down")
            return
        }
        handler.onClose = { [weak self] in
            _ = self?.state.withLock { $0.connections.removeValue(forKey: key) }
        }
        do {
            try connection.start()
        } catch {
            connection.close(reason: "\(error)")
        }
    }

    /// Whether ``shutdown(grace:)`` has begun.
    var isStopped: Bool { state.withLock { $0.stopped } }

    /// The loop for the server's side of an in-process connection from a channel on
    /// `clientLoop`: that same loop, where the bytes cross with no wakeup, unless the server
    /// runs I/O threads of its own (``ServerConfiguration/threads``), which serve it as they
    /// serve its sockets.
    func inProcessLoop(near clientLoop: EventLoop) -> EventLoop {
        ownsGroup ? group.nextLoop() : clientLoop
    }

    /// Tells the ``ServerObservingService``s (a ``HealthService`` turns NOT_SERVING), stops
    /// accepting, sends GOAWAY, lets RPCs in flight finish for up to `grace`, then cancels the
    /// rest and closes every connection.
    public func shutdown(grace: Duration = .seconds(5)) async {
        for observer in observers { observer.serverWillShutDown() }
        let (listeners, connections) = state.withLock { state -> ([Listener], [ServerConnectionHandler]) in
            state.stopped = true
            let taken = (state.listeners.map(\.listener), Array(state.connections.values))
            state.listeners.removeAll()
            return taken
        }
        InProcessRegistry.unregister(self)
        for listener in listeners { await listener.stop() }
        for handler in connections { handler.loop.execute { handler.goAwayGracefully() } }
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while clock.now < deadline {
            if state.withLock({ $0.connections.isEmpty }) { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        let remaining = state.withLock { Array($0.connections.values) }
        for handler in remaining { handler.loop.execute { handler.cancelAll() } }
        if ownsGroup {
            // Queued after cancelAll, so each loop sends those statuses before its thread ends.
            for loop in group.loops { loop.execute { loop.shutdown() } }
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            let waiters = state.waiters
            state.waiters.removeAll()
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Connections open now (for metrics, and for tests of connection management).
    public var connectionCount: Int { state.withLock { $0.connections.count } }

    /// Returns once `shutdown` has run.
    public func waitUntilStopped() async {
        await withCheckedContinuation { continuation in
            let stopped = state.withLock { state -> Bool in
                if state.stopped && state.listeners.isEmpty && state.connections.isEmpty { return true }
                state.waiters.append(continuation)
                return false
            }
            if stopped { continuation.resume() }
        }
    }
}

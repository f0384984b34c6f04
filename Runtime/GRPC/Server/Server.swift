import SwiftProto
#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// A gRPC server: listens on TCP or a Unix socket, serves the registered services over HTTP/2.
///
///     let server = Server(services: [GreeterService()])
///     let port = try await server.start(.tcp(host: "127.0.0.1", port: 50051))
///     try await server.waitUntilStopped()
public final class Server: Sendable {
    private let router: Router
    private let configuration: ServerConfiguration
    private let group: EventLoopGroup
    /// Threads made for this server (ServerConfiguration.threads), ended by shutdown.
    private let ownsGroup: Bool
    private let state = Mutex(State())

    private struct State {
        var listeners: [Listener] = []
        var connections: [ObjectIdentifier: ServerConnectionHandler] = [:]
        var stopped = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    public init(services: [any RegistrableService], configuration: ServerConfiguration = ServerConfiguration()) {
        var router = Router()
        for service in services { service.register(with: &router) }
        self.router = router
        self.configuration = configuration
        if let threads = configuration.threads, let group = try? EventLoopGroup(threads: threads) {
            self.group = group
            ownsGroup = true
        } else {
            group = .shared
            ownsGroup = false
        }
    }

    /// Starts listening; returns the port bound (useful with port 0), or 0 for a Unix socket.
    @discardableResult
    public func start(_ target: SocketTarget) async throws -> Int {
        let (fd, port) = try Socket.listen(target)
        let loop = group.nextLoop()
        let listener = Listener(fd: fd, loop: loop, target: target) { [weak self] client, peer in
            self?.accepted(client, peer: peer)
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
        state.withLock { $0.listeners.append(listener) }
        return port
    }

    private func accepted(_ fd: Int32, peer: String) {
        let loop = group.nextLoop()
        let settings = HTTP2Settings(maxConcurrentStreams: configuration.maxConcurrentStreams,
                                     maxHeaderListSize: configuration.maxHeaderListSize)
        loop.execute { [self] in
            guard let connection = try? HTTP2Connection(loop: loop, fd: fd, server: true, settings: settings) else {
                close(fd)
                return
            }
            let handler = ServerConnectionHandler(connection: connection, router: router, configuration: configuration, peer: peer)
            connection.handler = handler
            let key = ObjectIdentifier(handler)
            let accepting = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.connections[key] = handler
                return true
            }
            guard accepting else {
                connection.close(reason: "server stopped")
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
    }

    /// Stops accepting, sends GOAWAY, lets RPCs in flight finish for up to `grace`, then cancels
    /// the rest and closes every connection.
    public func shutdown(grace: Duration = .seconds(5)) async {
        let (listeners, connections) = state.withLock { state -> ([Listener], [ServerConnectionHandler]) in
            state.stopped = true
            let taken = (state.listeners, Array(state.connections.values))
            state.listeners.removeAll()
            return taken
        }
        for listener in listeners { listener.stop() }
        for handler in connections { handler.loop.execute { handler.drain() } }
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

/// A listening socket on a loop; accepts in a loop until the kernel has no more.
final class Listener: IOHandler, @unchecked Sendable {
    let fd: Int32
    let loop: EventLoop
    let target: SocketTarget
    private let onAccept: (Int32, String) -> Void

    init(fd: Int32, loop: EventLoop, target: SocketTarget, onAccept: @escaping (Int32, String) -> Void) {
        self.fd = fd
        self.loop = loop
        self.target = target
        self.onAccept = onAccept
    }

    func readable() {
        while true {
            var storage = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    accept(fd, $0, &length)
                }
            }
            guard client >= 0 else {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            _ = fcntl(client, F_SETFL, fcntl(client, F_GETFL) | O_NONBLOCK)
            _ = fcntl(client, F_SETFD, FD_CLOEXEC)
            if case .tcp = target { Socket.setNoDelay(client) }
            onAccept(client, Listener.describe(storage, target: target))
        }
    }

    func writable() {}

    func stop() {
        loop.execute { [self] in
            loop.unregister(fd)
            close(fd)
            if case .unix(let path) = target { unlink(path) }
        }
    }

    static func describe(_ storage: sockaddr_storage, target: SocketTarget) -> String {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        var copy = storage
        let ok = withUnsafePointer(to: &copy) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, socklen_t(MemoryLayout<sockaddr_storage>.size), &host, socklen_t(host.count), &service,
                            socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard ok == 0 else { return target.description }
        let hostText = String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let serviceText = String(decoding: service.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return hostText.contains(":") ? "[\(hostText)]:\(serviceText)" : "\(hostText):\(serviceText)"
    }
}

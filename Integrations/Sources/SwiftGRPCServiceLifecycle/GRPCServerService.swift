import ServiceLifecycle
import Synchronization
import SwiftGRPC

/// A ``Server`` as a swift-service-lifecycle `Service`: `run()` starts it on its endpoints,
/// serves until graceful shutdown is triggered (SIGTERM, through a `ServiceGroup` configured
/// with `gracefulShutdownSignals: [.sigterm]`), then shuts the server down gracefully: GOAWAY,
/// calls in flight get `shutdownGrace` to finish, the rest are cancelled.
///
/// ```swift
/// let server = Server(services: [Greeter()])
/// let grpc = GRPCServerService(server: server, listeningOn: [.tcp(host: "0.0.0.0", port: 50051)])
/// let group = ServiceGroup(services: [grpc], gracefulShutdownSignals: [.sigterm], logger: logger)
/// try await group.run()
/// ```
///
/// Cancelling the service's task (the group's hard stop) shuts the server down at once; a
/// server stopped elsewhere (`server.shutdown(grace:)`) ends `run()` too.
public struct GRPCServerService: Service {
    /// Where the server listens: an address, over TLS when `tls` is given.
    public struct Endpoint: Sendable {
        /// The address (port 0 for any free port).
        public var target: SocketTarget
        /// The certificate and key, for a TLS endpoint; nil for plaintext.
        public var tls: ServerTLS?

        /// `target`, over TLS when `tls` is given.
        public init(_ target: SocketTarget, tls: ServerTLS? = nil) {
            self.target = target
            self.tls = tls
        }
    }

    /// The server run.
    public let server: Server
    /// Where it listens, in order.
    public let endpoints: [Endpoint]
    /// How long calls in flight have to finish once graceful shutdown begins.
    public let shutdownGrace: Duration
    private let startup = Startup()

    /// `server` on `endpoints`, with calls in flight given `shutdownGrace` at shutdown.
    public init(server: Server, endpoints: [Endpoint], shutdownGrace: Duration = .seconds(5)) {
        self.server = server
        self.endpoints = endpoints
        self.shutdownGrace = shutdownGrace
    }

    /// `server` on `targets`, all plaintext or all over `tls`, with calls in flight given
    /// `shutdownGrace` at shutdown.
    public init(server: Server, listeningOn targets: [SocketTarget], tls: ServerTLS? = nil, shutdownGrace: Duration = .seconds(5)) {
        self.init(server: server, endpoints: targets.map { Endpoint($0, tls: tls) }, shutdownGrace: shutdownGrace)
    }

    /// Starts the server on every endpoint and serves until graceful shutdown (or cancellation,
    /// or the server's shutdown elsewhere); returns once the server has stopped. Throws what
    /// starting threw (an address in use, unusable TLS files), after stopping the endpoints
    /// already started.
    public func run() async throws {
        var ports: [Int] = []
        do {
            for endpoint in endpoints {
                ports.append(try await server.start(endpoint.target, tls: endpoint.tls))
            }
        } catch {
            startup.finish(.failure(error))
            await server.shutdown(grace: .zero)
            throw error
        }
        startup.finish(.success(ports))

        let server = self.server
        let grace = shutdownGrace
        let stopped = StoppedFlag()
        await withDiscardingTaskGroup { group in
            group.addTask {
                // Returns on graceful shutdown; throws at once when the task is cancelled.
                let graceful = (try? await gracefulShutdown()) != nil
                guard !stopped.value.load(ordering: .acquiring) else { return }
                await server.shutdown(grace: graceful ? grace : .zero)
            }
            await server.waitUntilStopped()
            stopped.value.store(true, ordering: .releasing)
            group.cancelAll()
        }
    }

    /// The ports bound, one per endpoint in order (0 for a Unix socket or an in-process name),
    /// once ``run()`` has started the server; throws what starting threw. Waits until `run()`
    /// gets that far, so call it while `run()` runs (or is about to).
    public func listeningPorts() async throws -> [Int] {
        try await startup.wait()
    }
}

/// The outcome of starting, for those who wait for it.
private final class Startup: Sendable {
    private enum State {
        case waiting([CheckedContinuation<[Int], any Error>])
        case finished(Result<[Int], any Error>)
    }

    private let state = Mutex(State.waiting([]))

    func finish(_ result: Result<[Int], any Error>) {
        let waiters = state.withLock { state -> [CheckedContinuation<[Int], any Error>] in
            guard case .waiting(let waiters) = state else { return [] }
            state = .finished(result)
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }

    func wait() async throws -> [Int] {
        try await withCheckedThrowingContinuation { continuation in
            let result = state.withLock { state -> Result<[Int], any Error>? in
                switch state {
                case .waiting(var waiters):
                    waiters.append(continuation)
                    state = .waiting(waiters)
                    return nil
                case .finished(let result):
                    return result
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }
}

/// Set once the server has stopped, so that the task waiting for graceful shutdown, cancelled
/// then, does not shut it down again.
private final class StoppedFlag: Sendable {
    let value = Atomic<Bool>(false)
}

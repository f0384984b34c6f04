import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps one HTTP/2 connection to a target: connects lazily, reconnects with exponential
/// backoff, and hands the connection to calls. Loop-confined.
final class ConnectionManager: @unchecked Sendable {
    private enum State {
        case idle
        case connecting
        case ready(ClientConnectionHandler)
        case backingOff(until: ContinuousClock.Instant, reason: String)
        case closed
    }

    private struct Waiter {
        let id: Int
        let waitForReady: Bool
        let resume: (Result<ClientConnectionHandler, RPCError>) -> Void
    }

    let loop: EventLoop
    let target: SocketTarget
    let settings: HTTP2Settings
    /// The ready connection, readable from any thread: calls on a connected channel start
    /// without first hopping to the loop to ask for it.
    let readyHandler = Mutex<ClientConnectionHandler?>(nil)
    private var state = State.idle
    private var waiters: [Waiter] = []
    private var failures = 0
    private var nextWaiterID = 0
    private let backoff = Backoff()

    init(loop: EventLoop, target: SocketTarget, settings: HTTP2Settings) {
        self.loop = loop
        self.target = target
        self.settings = settings
    }

    /// A ready connection; fails fast with UNAVAILABLE when not connected unless `waitForReady`.
    /// Returns an id with which a waiting call can give up (`abandon`).
    @discardableResult
    func connection(waitForReady: Bool, _ resume: @escaping (Result<ClientConnectionHandler, RPCError>) -> Void) -> Int {
        nextWaiterID += 1
        let id = nextWaiterID
        enqueue(Waiter(id: id, waitForReady: waitForReady, resume: resume))
        return id
    }

    private func enqueue(_ waiter: Waiter) {
        let resume = waiter.resume
        let waitForReady = waiter.waitForReady
        switch state {
        case .ready(let handler) where handler.isUsable:
            resume(.success(handler))
        case .ready, .idle:
            waiters.append(waiter)
            connect()
        case .connecting:
            waiters.append(waiter)
        case .backingOff(let until, let reason):
            if waitForReady {
                waiters.append(waiter)
            } else if ContinuousClock.now >= until {
                waiters.append(waiter)
                connect()
            } else {
                resume(.failure(RPCError(code: .unavailable, message: reason)))
            }
        case .closed:
            resume(.failure(RPCError(code: .unavailable, message: "the channel is closed")))
        }
    }

    func close() {
        if case .ready(let handler) = state { handler.connection.goAway() }
        state = .closed
        readyHandler.withLock { $0 = nil }
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume(.failure(RPCError(code: .unavailable, message: "the channel is closed"))) }
    }

    private func connect() {
        state = .connecting
        let target = self.target
        let loop = self.loop
        // getaddrinfo blocks, so it runs off the loop.
        Task.detached { [self] in
            let addresses: Result<[[UInt8]], RPCError>
            do {
                addresses = .success(try Socket.resolve(target, passive: false))
            } catch let error as RPCError {
                addresses = .failure(error)
            } catch {
                addresses = .failure(RPCError(code: .unavailable, message: "\(error)"))
            }
            loop.execute { [self] in
                switch addresses {
                case .success(let list): attempt(list[...])
                case .failure(let error): failed(error.message)
                }
            }
        }
    }

    private func attempt(_ addresses: ArraySlice<[UInt8]>) {
        guard case .connecting = state else { return }
        guard let address = addresses.first else {
            failed("cannot connect to \(target)")
            return
        }
        let rest = addresses.dropFirst()
        do {
            let fd = try Socket.open(family: Socket.family(of: address))
            if try Socket.startConnect(fd, to: address) {
                established(fd)
            } else {
                let pending = PendingConnect(fd: fd) { [self] error in
                    loop.unregister(fd)
                    if error == 0 {
                        established(fd)
                    } else {
                        Glibc.close(fd)
                        lastError = String(cString: strerror(error))
                        attempt(rest)
                    }
                }
                try loop.register(fd, pending, writable: true)
            }
        } catch {
            lastError = "\(error)"
            attempt(rest)
        }
    }

    private var lastError = ""

    private func established(_ fd: Int32) {
        guard case .connecting = state else {
            Glibc.close(fd)
            return
        }
        do {
            let connection = try HTTP2Connection(loop: loop, fd: fd, server: false, settings: settings)
            let handler = ClientConnectionHandler(connection: connection, authority: target.authority)
            connection.handler = handler
            handler.onClose = { [weak self, weak handler] in
                guard let self, case .ready(let current) = state, current === handler else { return }
                state = .idle
                readyHandler.withLock { $0 = nil }
            }
            try connection.start()
            state = .ready(handler)
            readyHandler.withLock { $0 = handler }
            failures = 0
            let ready = waiters
            waiters.removeAll()
            for waiter in ready { waiter.resume(.success(handler)) }
        } catch {
            Glibc.close(fd)
            failed("\(error)")
        }
    }

    private func failed(_ reason: String) {
        failures += 1
        let delay = backoff.delay(afterFailures: failures)
        let message = "cannot connect to \(target): \(lastError.isEmpty ? reason : lastError)"
        state = .backingOff(until: ContinuousClock.now + delay, reason: message)
        let failing = waiters.filter { !$0.waitForReady }
        waiters.removeAll { !$0.waitForReady }
        for waiter in failing { waiter.resume(.failure(RPCError(code: .unavailable, message: message))) }
        if !waiters.isEmpty {
            loop.schedule(at: ContinuousClock.now + delay) { [weak self] in
                guard let self, case .backingOff = state, !waiters.isEmpty else { return }
                connect()
            }
        }
    }

    /// Fails a waiter whose call gave up (deadline or cancellation) before a connection came.
    func abandon(_ id: Int, with error: RPCError) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).resume(.failure(error))
    }
}

/// Waits for a non-blocking connect to finish.
final class PendingConnect: IOHandler {
    let fd: Int32
    let done: (Int32) -> Void
    private var finished = false

    init(fd: Int32, done: @escaping (Int32) -> Void) {
        self.fd = fd
        self.done = done
    }

    func readable() { writable() }

    func writable() {
        guard !finished else { return }
        finished = true
        done(Socket.connectError(fd))
    }
}

/// gRPC's connection backoff (doc/connection-backoff.md): 1 s, ×1.6, up to 120 s, ±20 % jitter.
struct Backoff {
    var initial: Duration = .seconds(1)
    var multiplier = 1.6
    var maximum: Duration = .seconds(120)
    var jitter = 0.2

    func delay(afterFailures failures: Int) -> Duration {
        var seconds = Double(GRPCTimeout.nanosecondsOf(initial)) / 1e9
        let cap = Double(GRPCTimeout.nanosecondsOf(maximum)) / 1e9
        for _ in 1..<max(1, failures) { seconds = min(cap, seconds * multiplier) }
        seconds *= 1 + Double.random(in: -jitter...jitter)
        return .nanoseconds(Int64(seconds * 1e9))
    }
}

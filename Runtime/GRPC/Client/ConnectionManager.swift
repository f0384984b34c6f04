import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Keeps one HTTP/2 connection to a target: connects lazily (TCP, then TLS when configured; or
/// a pipe to a server in this process), reconnects with exponential backoff, and hands the
/// connection to calls. Loop-confined.
final class ConnectionManager: ClientConnectionDelegate, @unchecked Sendable {
    private enum State {
        case idle
        /// Connecting, or connected and waiting for the TLS handshake.
        case connecting(ClientConnectionHandler?)
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
    let configuration: ChannelConfiguration
    private let tls: TLSContext?
    /// The ready connection, readable from any thread: calls on a connected channel start
    /// without first hopping to the loop to ask for it.
    let readyHandler = Mutex<ClientConnectionHandler?>(nil)
    private var state = State.idle
    private var waiters: [Waiter] = []
    private var failures = 0
    private var nextWaiterID = 0
    private let backoff = Backoff()
    /// Doubles each time a server says we ping too often (A8), for the connections after.
    private(set) var keepalive: Keepalive?
    private var lastError = ""

    init(loop: EventLoop, target: SocketTarget, configuration: ChannelConfiguration) throws {
        self.loop = loop
        self.target = target
        self.configuration = configuration
        if case .inProcess = target, configuration.tls != nil {
            throw RPCError(code: .invalidArgument, message: "\(target) cannot use TLS: no bytes leave the process")
        }
        tls = try configuration.tls.map { try TLSContext(client: $0) }
        keepalive = configuration.keepalive
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
        switch state {
        case .ready(let handler) where handler.isUsable:
            resume(.success(handler))
        case .ready, .idle:
            waiters.append(waiter)
            connect()
        case .connecting:
            waiters.append(waiter)
        case .backingOff(let until, let reason):
            if ContinuousClock.now >= until {
                waiters.append(waiter)
                connect()
            } else if waiter.waitForReady {
                // The first waiter arms the attempt that ends the backoff (failed() arms it
                // only when someone was waiting then).
                if waiters.isEmpty { retry(at: until) }
                waiters.append(waiter)
            } else {
                resume(.failure(RPCError(code: .unavailable, message: reason)))
            }
        case .closed:
            resume(.failure(RPCError(code: .unavailable, message: "the channel is closed")))
        }
    }

    /// Opens `stream` on `preferred` (the connection the call found ready), or, when that one
    /// closed in between or refused the stream unprocessed, on whichever comes next: the call
    /// has not started, so moving it is safe.
    func open(_ stream: ClientStream, preferred: ClientConnectionHandler?) {
        guard !stream.finished else { return }
        if stream.deadlineTimer == nil, let deadline = stream.request.deadline {
            // Strong captures here and below: both closures are dropped once the stream ends.
            stream.deadlineTimer = loop.schedule(at: deadline) {
                stream.complete(code: .deadlineExceeded, message: "deadline exceeded", trailers: Metadata(), reset: true)
            }
        }
        if let preferred, preferred.isUsable {
            preferred.start(stream)
            return
        }
        connection(waitForReady: stream.request.options.waitForReady) { result in
            switch result {
            case .success(let handler): handler.start(stream)
            case .failure(let error): stream.complete(code: error.code, message: error.message, trailers: Metadata(), reset: false)
            }
        }
    }

    func close() {
        switch state {
        case .ready(let handler): handler.connection.goAway()
        case .connecting(let handler?): handler.connection.close(reason: "the channel is closed")
        default: break
        }
        state = .closed
        readyHandler.withLock { $0 = nil }
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume(.failure(RPCError(code: .unavailable, message: "the channel is closed"))) }
    }

    private func connect() {
        state = .connecting(nil)
        lastError = ""
        let target = self.target
        let loop = self.loop
        if case .inProcess(let name) = target {
            // In a later turn of the loop, as a socket's connect completes: never inside the
            // callbacks of the connection that made us reconnect.
            loop.execute { [self] in connectInProcess(to: name) }
            return
        }
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
        guard case .connecting(nil) = state else { return }
        guard let address = addresses.first else {
            failed("no address answered")
            return
        }
        let rest = addresses.dropFirst()
        do {
            let fd = try Socket.open(family: Socket.family(of: address))
            if try Socket.startConnect(fd, to: address) {
                connected(fd)
            } else {
                let pending = PendingConnect(fd: fd) { [self] error in
                    loop.unregister(fd)
                    if error == 0 {
                        connected(fd)
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

    /// TCP is up: put HTTP/2 (over TLS when configured) on it and wait until it is ready.
    private func connected(_ fd: Int32) {
        guard case .connecting(nil) = state else {
            Glibc.close(fd)
            return
        }
        let socket = SocketStream(loop: loop, fd: fd, peer: target.description)
        var stream: any ByteStream = socket
        if let tls {
            let name = configuration.tls?.serverHostnameOverride ?? target.host
            stream = TLSStream(over: socket, loop: loop, context: tls, role: .client(serverName: name),
                               handshakeTimeout: configuration.tls?.handshakeTimeout ?? .seconds(10))
        }
        startHTTP2(over: stream)
    }

    /// A server in this process: its side of a new pipe is served on its loop (this one, unless
    /// the server has threads of its own), ours carries HTTP/2 as a socket would. A name nobody
    /// holds fails like a port nobody listens on; a refused connection is accepted and closed,
    /// as over TCP, so the calls that wanted it fail and the next call connects again.
    private func connectInProcess(to name: String) {
        guard case .connecting(nil) = state else { return }
        guard let server = InProcessRegistry.server(named: name) else {
            failed("no server in this process is named '\(name)'")
            return
        }
        let serverLoop = server.inProcessLoop(near: loop)
        let (client, serverEnd) = InProcessStream.pair(clientLoop: loop, serverLoop: serverLoop,
                                                       clientAddress: InProcessRegistry.clientAddress(connectingTo: name),
                                                       serverAddress: target.description)
        if serverLoop === loop {
            server.serve(serverEnd, on: loop)
        } else {
            serverLoop.execute { server.serve(serverEnd, on: serverLoop) }
        }
        startHTTP2(over: client)
    }

    /// The byte stream is connected: HTTP/2 on it, ready once the stream is (after TLS's handshake).
    private func startHTTP2(over stream: any ByteStream) {
        do {
            var settings = HTTP2Settings()
            settings.initialWindowSize = configuration.initialWindowSize
            settings.maxHeaderListSize = configuration.maxHeaderListSize
            let connection = try HTTP2Connection(stream: stream, loop: loop, server: false, settings: settings)
            let handler = ClientConnectionHandler(connection: connection, authority: configuration.authority ?? target.authority,
                                                  secure: tls != nil, maxHeaderListSize: Int(configuration.maxHeaderListSize),
                                                  keepalive: keepalive)
            connection.handler = handler
            handler.delegate = self
            state = .connecting(handler)
            try connection.start()
        } catch {
            stream.close()
            failed("\(error)")
        }
    }

    // MARK: ClientConnectionDelegate

    func connectionReady(_ handler: ClientConnectionHandler) {
        guard case .connecting(let current) = state, current === handler else { return }
        state = .ready(handler)
        readyHandler.withLock { $0 = handler }
        failures = 0
        let ready = waiters
        waiters.removeAll()
        for waiter in ready { waiter.resume(.success(handler)) }
    }

    func connectionDraining(_ handler: ClientConnectionHandler, tooManyPings: Bool) {
        if tooManyPings, var keepalive {
            keepalive.time = keepalive.time * 2
            self.keepalive = keepalive
        }
        forget(handler)
    }

    func connectionClosed(_ handler: ClientConnectionHandler, reason: String) {
        if case .connecting(let current) = state, current === handler {
            // Closed before it was ready: the TLS handshake (or the preface) failed.
            state = .connecting(nil)
            lastError = reason
            failed(reason)
            return
        }
        connectionEvent(.connectionClosed(reason))
        forget(handler)
    }

    func connectionEvent(_ kind: ConnectionEvent.Kind) {
        configuration.connectionEvents?(ConnectionEvent(kind: kind, peer: target.description))
    }

    /// The ready connection is no longer usable; the next call connects anew.
    private func forget(_ handler: ClientConnectionHandler) {
        guard case .ready(let current) = state, current === handler else { return }
        state = .idle
        readyHandler.withLock { $0 = nil }
        // Calls that were waiting for this connection to become usable get the next one.
        if !waiters.isEmpty { connect() }
    }

    func reopen(_ stream: ClientStream) {
        open(stream, preferred: nil)
    }

    private func failed(_ reason: String) {
        failures += 1
        let delay = backoff.delay(afterFailures: failures)
        let message = "cannot connect to \(target): \(lastError.isEmpty ? reason : lastError)"
        connectionEvent(.connectFailed(message))
        state = .backingOff(until: ContinuousClock.now + delay, reason: message)
        let failing = waiters.filter { !$0.waitForReady }
        waiters.removeAll { !$0.waitForReady }
        for waiter in failing { waiter.resume(.failure(RPCError(code: .unavailable, message: message))) }
        if !waiters.isEmpty { retry(at: ContinuousClock.now + delay) }
    }

    /// Connects again at the end of a backoff, if calls are still waiting then.
    private func retry(at deadline: ContinuousClock.Instant) {
        loop.schedule(at: deadline) { [weak self] in
            guard let self, case .backingOff = state, !waiters.isEmpty else { return }
            connect()
        }
    }

    /// Fails a waiter whose call gave up (deadline or cancellation) before a connection came.
    func abandon(_ id: Int, with error: RPCError) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).resume(.failure(error))
    }
}

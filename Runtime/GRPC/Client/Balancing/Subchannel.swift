import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One connection to one address, as a balancer sees it: connects when asked (TCP, then TLS
/// when configured; or a pipe to a server in this process), backs off after a failure as
/// gRPC's connection-backoff doc gives it, and reports every change of state to its balancer.
/// Loop-confined: use it only from the balancer's methods.
public final class Subchannel: ClientConnectionDelegate, @unchecked Sendable, CustomStringConvertible {
    /// The address this subchannel connects to.
    public let address: ResolvedAddress
    /// Its state now.
    public private(set) var state = ConnectivityState.idle
    /// Why the last attempt failed (empty while none has).
    public private(set) var lastFailure = ""

    let loop: EventLoop
    private let settings: SubchannelSettings
    private weak var owner: ChannelCore?
    /// The connection while it is being set up (after TCP) or is ready.
    private var handler: ClientConnectionHandler?
    /// The socket of a TCP connect in progress, closed if the connect takes too long.
    private var pendingSocket: Int32?
    /// Counts connection attempts, so that a timer or a late callback of an earlier one is ignored.
    private var generation = 0
    private var failures = 0
    /// When the attempt after the current one may start.
    private var nextAttempt = ContinuousClock.now
    /// Doubles each time a server says we ping too often (A8), for the connections after.
    private(set) var keepalive: Keepalive?

    init(address: ResolvedAddress, loop: EventLoop, settings: SubchannelSettings, owner: ChannelCore?) {
        self.address = address
        self.loop = loop
        self.settings = settings
        self.owner = owner
        keepalive = settings.keepalive
    }

    /// `address (STATE)`.
    public var description: String { "\(address) (\(state))" }

    /// The connection calls go out on, when READY.
    var readyHandler: ClientConnectionHandler? {
        guard state == .ready, let handler, handler.isUsable else { return nil }
        return handler
    }

    /// Streams open on the connection now.
    var openStreams: Int { handler?.openStreams ?? 0 }

    /// Starts connecting if IDLE; does nothing in any other state (a subchannel in backoff goes
    /// IDLE when the backoff ends, and says so).
    public func connect() {
        guard state == .idle else { return }
        generation += 1
        lastFailure = ""
        let attempt = generation
        // connection-backoff.md: the next attempt starts a backoff after this one started (the
        // first backoff without jitter), and this one gets at least the minimum connect timeout.
        let now = ContinuousClock.now
        let backoff = settings.backoff.delay(afterFailures: failures + 1, jittered: failures > 0)
        nextAttempt = now + backoff
        let timeout = max(settings.backoff.minimumConnectTimeout, backoff)
        set(.connecting)
        guard generation == attempt else { return }
        loop.schedule(at: now + timeout) { [weak self] in
            guard let self, generation == attempt, state == .connecting else { return }
            abandonAttempt("no connection within \(timeout)")
        }
        switch address.address {
        case .inProcess(let name):
            // In a later turn of the loop, as a socket's connect completes: never inside the
            // callbacks of the connection (or the balancer) that made us connect.
            loop.execute { [self] in
                guard generation == attempt, state == .connecting else { return }
                connectInProcess(to: name)
            }
        case .tcp(let host, _) where !NumericHost.isAddress(host):
            // A custom resolver gave a name: getaddrinfo blocks, so it runs on a thread of its own.
            let target = address.address
            Task.detached { [self, loop] in
                let resolved: Result<[[UInt8]], Error>
                do {
                    resolved = .success(try await Thread.offload { try Socket.resolve(target, passive: false) })
                } catch {
                    resolved = .failure(error)
                }
                loop.execute { [self] in
                    guard generation == attempt, state == .connecting else { return }
                    switch resolved {
                    case .success(let list): open(list[...])
                    case .failure(let error): failed((error as? RPCError)?.message ?? "\(error)")
                    }
                }
            }
        default:
            // A numeric address or a socket path: nothing to look up, nothing blocks; in a later
            // turn of the loop, as above.
            loop.execute { [self] in
                guard generation == attempt, state == .connecting else { return }
                do {
                    open(try Socket.resolve(address.address, passive: false)[...])
                } catch {
                    failed((error as? RPCError)?.message ?? "\(error)")
                }
            }
        }
    }

    /// Closes the connection (letting its calls finish) and stops for good.
    public func shutdown() {
        guard state != .shutdown else { return }
        generation += 1
        dropPendingSocket()
        if let handler {
            if handler.isReady { handler.connection.goAway() } else { handler.connection.close(reason: "the subchannel was shut down") }
        }
        handler = nil
        set(.shutdown)
    }

    private func set(_ new: ConnectivityState) {
        guard state != new else { return }
        state = new
        owner?.subchannel(self, didChangeTo: new)
    }

    // MARK: Connecting

    private func open(_ addresses: ArraySlice<[UInt8]>) {
        guard let socketAddress = addresses.first else {
            failed("no address answered")
            return
        }
        let rest = addresses.dropFirst()
        do {
            let fd = try Socket.open(family: Socket.family(of: socketAddress))
            if try Socket.startConnect(fd, to: socketAddress) {
                connected(fd)
            } else {
                let attempt = generation
                pendingSocket = fd
                let pending = PendingConnect(fd: fd) { [self] error in
                    loop.unregister(fd)
                    guard generation == attempt, pendingSocket == fd else { return }
                    pendingSocket = nil
                    if error == 0 {
                        connected(fd)
                    } else {
                        Glibc.close(fd)
                        lastFailure = String(cString: strerror(error))
                        open(rest)
                    }
                }
                try loop.register(fd, pending, writable: true)
            }
        } catch {
            lastFailure = "\(error)"
            open(rest)
        }
    }

    private func dropPendingSocket() {
        guard let fd = pendingSocket else { return }
        pendingSocket = nil
        loop.unregister(fd)
        Glibc.close(fd)
    }

    /// TCP is up: put HTTP/2 (over TLS when configured) on it and wait until it is ready.
    private func connected(_ fd: Int32) {
        let socket = SocketStream(loop: loop, fd: fd, peer: address.description)
        var stream: any ByteStream = socket
        if let tls = settings.tls {
            stream = TLSStream(over: socket, loop: loop, context: tls, role: .client(serverName: settings.serverName),
                               handshakeTimeout: settings.tlsHandshakeTimeout)
        }
        startHTTP2(over: stream)
    }

    /// A server in this process: its side of a new pipe is served on its loop (this one, unless
    /// the server has threads of its own), ours carries HTTP/2 as a socket would. A name nobody
    /// holds fails like a port nobody listens on; a refused connection is accepted and closed,
    /// as over TCP, so the calls that wanted it fail and the next call connects again.
    private func connectInProcess(to name: String) {
        guard let server = InProcessRegistry.server(named: name) else {
            failed("no server in this process is named '\(name)'")
            return
        }
        let serverLoop = server.inProcessLoop(near: loop)
        let (client, serverEnd) = InProcessStream.pair(clientLoop: loop, serverLoop: serverLoop,
                                                       clientAddress: InProcessRegistry.clientAddress(connectingTo: name),
                                                       serverAddress: address.description)
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
            var http2 = HTTP2Settings()
            http2.initialWindowSize = settings.initialWindowSize
            http2.maxHeaderListSize = settings.maxHeaderListSize
            let connection = try HTTP2Connection(stream: stream, loop: loop, server: false, settings: http2)
            let handler = ClientConnectionHandler(connection: connection, authority: settings.authority,
                                                  secure: settings.tls != nil, maxHeaderListSize: Int(settings.maxHeaderListSize),
                                                  keepalive: keepalive)
            connection.handler = handler
            handler.delegate = self
            self.handler = handler
            try connection.start()
        } catch {
            stream.close()
            handler = nil
            failed("\(error)")
        }
    }

    /// The attempt took too long: give it up as failed.
    private func abandonAttempt(_ reason: String) {
        dropPendingSocket()
        let connecting = handler
        handler = nil
        failed(reason)
        connecting?.connection.close(reason: reason)
    }

    private func failed(_ reason: String) {
        guard state == .connecting else { return }
        failures += 1
        if lastFailure.isEmpty { lastFailure = reason }
        owner?.connectionEvent(.connectFailed("cannot connect to \(address): \(lastFailure)"), peer: address.description)
        let attempt = generation
        set(.transientFailure)
        guard generation == attempt else { return }
        loop.schedule(at: max(nextAttempt, .now)) { [weak self] in
            guard let self, generation == attempt, state == .transientFailure else { return }
            set(.idle)
        }
    }

    // MARK: ClientConnectionDelegate

    func connectionReady(_ handler: ClientConnectionHandler) {
        guard state == .connecting, handler === self.handler else { return }
        failures = 0
        set(.ready)
    }

    func connectionDraining(_ handler: ClientConnectionHandler, tooManyPings: Bool) {
        if tooManyPings, var keepalive {
            keepalive.time = keepalive.time * 2
            self.keepalive = keepalive
        }
        lost(handler)
    }

    func connectionClosed(_ handler: ClientConnectionHandler, reason: String) {
        if state == .connecting, handler === self.handler {
            // Closed before it was ready: the TLS handshake (or the preface) failed.
            self.handler = nil
            lastFailure = reason
            failed(reason)
            return
        }
        // Also a connection already left behind (after its GOAWAY): it carried calls until now.
        if handler.isReady { connectionEvent(.connectionClosed(reason)) }
        lost(handler)
    }

    func connectionEvent(_ kind: ConnectionEvent.Kind) {
        owner?.connectionEvent(kind, peer: address.description)
    }

    func reopen(_ stream: ClientStream) {
        owner?.open(stream)
    }

    /// The ready connection is no longer usable (its calls may still finish on it).
    private func lost(_ handler: ClientConnectionHandler) {
        guard state == .ready, handler === self.handler else { return }
        self.handler = nil
        set(.idle)
        // The addresses may have changed.
        owner?.requestResolution()
    }
}

/// What every subchannel of a channel connects with.
struct SubchannelSettings {
    let tls: TLSContext?
    /// The name TLS sends (SNI) and verifies the certificate against.
    let serverName: String
    let tlsHandshakeTimeout: Duration
    let authority: String
    let initialWindowSize: UInt32
    let maxHeaderListSize: UInt32
    let keepalive: Keepalive?
    let backoff: ConnectionBackoff
}

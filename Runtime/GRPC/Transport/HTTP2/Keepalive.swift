/// Keepalive pings (gRPC A8): after `time` without reading anything from the peer, send a
/// PING; when nothing arrives within `timeout` of it, the connection is dead and is closed
/// (its calls fail with UNAVAILABLE).
public struct Keepalive: Sendable, Hashable {
    /// How long the connection may be silent before a PING is sent.
    public var time: Duration
    /// How long to wait for anything from the peer after a PING before closing.
    public var timeout: Duration
    /// Ping while no call is in flight too (by default only connections in use are checked).
    public var permitWithoutCalls: Bool

    /// Pings after `time` of silence, giving up `timeout` after each (20 s by default).
    /// A server's ``KeepalivePolicy`` may allow less than `time`: one that gets too many pings
    /// answers GOAWAY `too_many_pings`, and the channel then doubles its `time`.
    public init(time: Duration, timeout: Duration = .seconds(20), permitWithoutCalls: Bool = false) {
        self.time = time
        self.timeout = timeout
        self.permitWithoutCalls = permitWithoutCalls
    }
}

/// Sends one connection's keepalive pings and closes it when the peer stays silent.
/// Loop-confined; costs nothing on connections without keepalive (none is made).
final class KeepalivePinger {
    /// Unowned rather than weak, which would slow every retain of the connection: the
    /// connection owns this pinger's owner and stops it when it closes.
    private unowned let connection: HTTP2Connection
    private let keepalive: Keepalive
    private let hasCalls: () -> Bool
    private var timer: TimerQueue.ID?
    /// Told when a PING goes unanswered, just before the connection is closed for it.
    var onTimeout: (() -> Void)?

    init(connection: HTTP2Connection, keepalive: Keepalive, hasCalls: @escaping () -> Bool) {
        self.connection = connection
        self.keepalive = keepalive
        self.hasCalls = hasCalls
        connection.tracksReadTime = true
    }

    /// From when the connection is ready: A8 counts the time from the last byte read.
    func start() {
        arm(at: connection.lastRead + keepalive.time)
    }

    func stop() {
        if let timer { connection.loop.cancelTimer(timer) }
        timer = nil
    }

    private func arm(at deadline: ContinuousClock.Instant, _ work: @escaping (KeepalivePinger) -> Void = { $0.due() }) {
        guard !connection.isClosed else { return }
        timer = connection.loop.schedule(at: deadline) { [weak self] in
            guard let self else { return }
            timer = nil
            work(self)
        }
    }

    private func due() {
        guard !connection.isClosed else { return }
        let now = ContinuousClock.now
        let quietSince = connection.lastRead
        if now < quietSince + keepalive.time {
            arm(at: quietSince + keepalive.time)
        } else if !keepalive.permitWithoutCalls && !hasCalls() {
            // Nothing to keep alive; look again a period later.
            arm(at: now + keepalive.time)
        } else {
            connection.ping { [weak self] in self?.answered() }
            arm(at: now + keepalive.timeout) { $0.checkAnswer(sentAt: now) }
        }
    }

    /// The ACK came: the next ping is due a period after the last read.
    private func answered() {
        stop()
        arm(at: connection.lastRead + keepalive.time)
    }

    /// Any byte since the PING (its ACK or anything else) shows the peer is there.
    private func checkAnswer(sentAt: ContinuousClock.Instant) {
        guard !connection.isClosed else { return }
        if connection.lastRead >= sentAt {
            arm(at: connection.lastRead + keepalive.time)
        } else {
            onTimeout?()
            connection.close(reason: "keepalive: no answer to a ping within \(KeepalivePinger.describe(keepalive.timeout))")
        }
    }

    static func describe(_ duration: Duration) -> String {
        let milliseconds = GRPCTimeout.nanosecondsOf(duration) / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}

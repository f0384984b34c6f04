/// One end of an in-process pipe: a byte stream whose bytes go to the other end in memory,
/// with no descriptor and no syscall, so that the HTTP/2 sessions of a client and a server in
/// one process talk exactly as over a socket (same frames, flow control, limits, GOAWAY).
///
/// Both ends live on one event loop, which makes the pipe lock-free: a write is copied into
/// this end's queue and handed over in the loop's flush phase of the same iteration (the frames
/// one session gathers reach the other before the loop waits again). Bytes count as queued
/// until the other end has taken them, and only then does the writer hear `writeQueueDrained`;
/// so the connection above stops producing at its batch limit, as it does on a socket whose
/// kernel buffer is full, and a pipe holds at most about one batch per direction however slow
/// the application reading from it.
final class InProcessStream: ByteStream, Flushable {
    let loop: EventLoop
    let peer: PeerIdentity
    var receiver: (any ByteStreamReceiver)?
    /// The other end, until one of them has hung up and the other has heard it.
    private var remote: InProcessStream?
    /// Bytes written here that the other end has not taken yet.
    private var outbound: [UInt8] = []
    /// A spare buffer for the other end's bytes: exchanged with its queue at each delivery, so
    /// that what it writes meanwhile goes to a fresh buffer, and both keep their capacity.
    private var delivering: [UInt8] = []
    private var started = false
    /// No more events to the receiver, no more writes (after `close` or `closeWhenWritten`).
    private var isClosed = false
    /// `closeWhenWritten` with bytes still queued: the other end hears of the close after them.
    private var hangsUpWhenDelivered = false
    /// The other end has gone; reported as `streamClosed` once its last bytes are delivered.
    private var remoteClosedReason: String?
    private var deliveryScheduled = false
    /// The most bytes ever queued at this end, for tests of the bound.
    private(set) var peakQueuedBytes = 0

    private init(loop: EventLoop, peer: String) {
        self.loop = loop
        self.peer = PeerIdentity(address: peer)
    }

    /// Two connected ends on `loop`; each one's `peer` describes the other.
    static func pair(loop: EventLoop, clientAddress: String, serverAddress: String) -> (client: InProcessStream, server: InProcessStream) {
        let client = InProcessStream(loop: loop, peer: serverAddress)
        let server = InProcessStream(loop: loop, peer: clientAddress)
        client.remote = server
        server.remote = client
        return (client, server)
    }

    var queuedBytes: Int { outbound.count }

    func start() throws {
        guard !started, !isClosed else { return }
        started = true
        receiver?.streamReady()
        // The other end may have written (or hung up) before this one started.
        scheduleDelivery()
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, bytes.count > 0, let remote, !remote.isClosed else { return }
        outbound.append(contentsOf: bytes)
        if outbound.count > peakQueuedBytes { peakQueuedBytes = outbound.count }
        remote.scheduleDelivery()
    }

    /// Closes at once: what is still queued is dropped, as a reset socket drops it.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        receiver = nil
        outbound.removeAll()
        hangUp()
    }

    func closeWhenWritten() {
        guard !isClosed else { return }
        isClosed = true
        receiver = nil
        if outbound.isEmpty { hangUp() } else { hangsUpWhenDelivered = true }
    }

    /// Tells the other end that this one has gone, and lets go of it.
    private func hangUp() {
        hangsUpWhenDelivered = false
        guard let remote else { return }
        self.remote = nil
        remote.remoteClosedReason = "connection closed by peer"
        remote.scheduleDelivery()
    }

    /// What this end reports when the other has hung up and it has not heard yet: a server
    /// that refused the connection says why, where a socket could say only that it closed.
    func explainHangUp(_ reason: String) {
        if remoteClosedReason != nil { remoteClosedReason = reason }
    }

    private func scheduleDelivery() {
        guard !deliveryScheduled else { return }
        deliveryScheduled = true
        loop.flushLater(self)
    }

    /// The flush phase of the loop: takes what the other end wrote, then reports its hang-up.
    func flush() {
        deliveryScheduled = false
        guard started, let remote else { return }
        if !remote.outbound.isEmpty { take(from: remote) }
        if let reason = remoteClosedReason { remoteHungUp(reason) }
    }

    private func take(from remote: InProcessStream) {
        // Each assignment leaves one owner per buffer, so neither is copied on its next write.
        var bytes = remote.outbound
        remote.outbound = delivering
        delivering = []
        if !isClosed, let receiver { bytes.withUnsafeBytes { receiver.received($0) } }
        bytes.removeAll(keepingCapacity: true)
        delivering = bytes
        remote.delivered()
    }

    private func remoteHungUp(_ reason: String) {
        remote = nil
        guard !isClosed else { return }
        isClosed = true
        outbound.removeAll()
        let receiver = self.receiver
        self.receiver = nil
        receiver?.streamClosed(reason: reason)
    }

    /// The other end has taken everything queued here, unless more was written meanwhile (then
    /// another delivery is on its way and says so).
    private func delivered() {
        guard outbound.isEmpty else { return }
        if hangsUpWhenDelivered {
            hangUp()
        } else {
            receiver?.writeQueueDrained()
        }
    }
}

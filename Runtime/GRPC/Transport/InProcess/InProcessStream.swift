import Synchronization

/// One end of an in-process pipe: a byte stream whose bytes go to the other end in memory,
/// with no descriptor and no syscall, so that the HTTP/2 sessions of a client and a server in
/// one process talk exactly as over a socket (same frames, flow control, limits, GOAWAY).
///
/// Each end is confined to its event loop, and the two may share one. On one loop a write is
/// handed over in the loop's flush phase of the same iteration, with no wakeup at all; across
/// two, through the other loop's work queue, one wakeup per batch of writes. Bytes count as
/// queued until the other end has taken them, and a writer that saw them queued hears
/// `writeQueueDrained` once they are: so the connection above stops producing at its batch
/// limit, as on a socket whose kernel buffer is full, and a pipe holds at most about one batch
/// per direction however slow the loop that reads it.
final class InProcessStream: ByteStream, Flushable, @unchecked Sendable {
    let loop: EventLoop
    let peer: PeerIdentity
    var receiver: (any ByteStreamReceiver)?
    private let outgoing: InProcessPipeDirection
    private let incoming: InProcessPipeDirection
    /// The other end's bytes while they are delivered: exchanged with its queue at each
    /// delivery, so that what it writes meanwhile goes to a fresh buffer and both keep their
    /// capacity.
    private var spare: [UInt8] = []
    private var started = false
    /// No more events to the receiver and no more writes (after `close`, `closeWhenWritten`, or
    /// the other end's hang-up).
    private var isClosed = false

    private init(loop: EventLoop, peer: String, outgoing: InProcessPipeDirection, incoming: InProcessPipeDirection) {
        self.loop = loop
        self.peer = PeerIdentity(address: peer)
        self.outgoing = outgoing
        self.incoming = incoming
    }

    /// Two connected ends, each confined to its loop (which may be the same); each one's
    /// `peer` describes the other.
    static func pair(clientLoop: EventLoop, serverLoop: EventLoop, clientAddress: String,
                     serverAddress: String) -> (client: InProcessStream, server: InProcessStream) {
        let up = InProcessPipeDirection()
        let down = InProcessPipeDirection()
        let client = InProcessStream(loop: clientLoop, peer: serverAddress, outgoing: up, incoming: down)
        let server = InProcessStream(loop: serverLoop, peer: clientAddress, outgoing: down, incoming: up)
        up.connect(writer: client, reader: server)
        down.connect(writer: server, reader: client)
        return (client, server)
    }

    /// Bytes written here that the other end has not taken. A writer that sees some may be
    /// waiting for them to go, so it will be told when they have.
    var queuedBytes: Int { outgoing.queuedBytes() }

    /// The most bytes ever queued at this end, for tests of the bound.
    var peakQueuedBytes: Int { outgoing.peakBytes }

    func start() throws {
        guard !started, !isClosed else { return }
        started = true
        receiver?.streamReady()
        // The other end may have written, or hung up, before this one started.
        loop.flushLater(self)
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, bytes.count > 0 else { return }
        outgoing.append(bytes)?.deliverSoon(from: loop)
    }

    /// Closes at once: what is still queued is dropped, as a reset socket drops it.
    func close() {
        end(dropping: true, reason: "connection closed by peer")
    }

    func closeWhenWritten() {
        end(dropping: false, reason: "connection closed by peer")
    }

    /// A server's refusal reaches its in-process client with the reason, where a socket could
    /// say only that it closed.
    func refuse(reason: String) {
        end(dropping: true, reason: reason)
    }

    private func end(dropping: Bool, reason: String) {
        guard !isClosed else { return }
        isClosed = true
        receiver = nil
        spare = []
        incoming.readerLeft()
        outgoing.writerEnded(reason: reason, dropping: dropping)?.deliverSoon(from: loop)
    }

    /// Has the other end's bytes delivered on this end's loop: in this iteration's flush
    /// phase when `writerLoop` is the same loop, else through this loop's work queue.
    fileprivate func deliverSoon(from writerLoop: EventLoop) {
        if writerLoop === loop {
            loop.flushLater(self)
        } else {
            loop.execute { self.flush() }
        }
    }

    /// Delivers what the other end wrote, then its hang-up if it has hung up.
    func flush() {
        guard started, !isClosed else { return }
        // A local buffer: the receiver may close this end while it reads the bytes.
        var bytes: [UInt8] = []
        swap(&bytes, &spare)
        let taken = incoming.take(into: &bytes)
        if !bytes.isEmpty {
            let receiver = self.receiver
            bytes.withUnsafeBytes { receiver?.received($0) }
            bytes.removeAll(keepingCapacity: true)
        }
        if !isClosed { spare = bytes }
        taken.waitingWriter?.drainedSoon(from: loop)
        if let reason = taken.endReason { hungUp(reason) }
    }

    private func hungUp(_ reason: String) {
        guard !isClosed else { return }
        isClosed = true
        spare = []
        incoming.readerLeft()
        // Nobody reads this side any more: there is no one to tell.
        _ = outgoing.writerEnded(reason: reason, dropping: true)
        let receiver = self.receiver
        self.receiver = nil
        receiver?.streamClosed(reason: reason)
    }

    /// Tells this end, on its loop, that the bytes it saw queued have been taken.
    fileprivate func drainedSoon(from readerLoop: EventLoop) {
        if readerLoop === loop {
            drained()
        } else {
            loop.execute { self.drained() }
        }
    }

    private func drained() {
        guard !isClosed else { return }
        receiver?.writeQueueDrained()
    }
}

/// One direction of an in-process pipe: the bytes one end has written and the other has not
/// taken, and whether the writer has ended. Its two ends may be on two loops, so it is the
/// one thing they share, behind a lock each touches once per write, delivery or look.
final class InProcessPipeDirection: Sendable {
    private struct State {
        var bytes: [UInt8] = []
        var peak = 0
        /// The writer's hang-up, delivered after the bytes before it.
        var endReason: String?
        var readerLeft = false
        /// A delivery to the reader is on its way: later writes join it.
        var deliveryPending = false
        /// The writer saw bytes queued and may wait until they are taken.
        var writerWaiting = false
        /// The ends, for scheduling; let go once each has closed, which breaks the cycle.
        var writer: InProcessStream?
        var reader: InProcessStream?
    }

    /// What a delivery took besides the bytes: whom to tell they went, and the writer's end.
    struct Taken {
        let waitingWriter: InProcessStream?
        let endReason: String?
    }

    private let state = Mutex(State())

    fileprivate func connect(writer: InProcessStream, reader: InProcessStream) {
        state.withLock {
            $0.writer = writer
            $0.reader = reader
        }
    }

    fileprivate func queuedBytes() -> Int {
        state.withLock { state in
            if !state.bytes.isEmpty { state.writerWaiting = true }
            return state.bytes.count
        }
    }

    var peakBytes: Int { state.withLock { $0.peak } }

    /// Queues `bytes`; returns the reader when it must be told (no delivery is pending yet).
    fileprivate func append(_ bytes: UnsafeRawBufferPointer) -> InProcessStream? {
        state.withLock { state in
            guard !state.readerLeft, state.endReason == nil else { return nil }
            state.bytes.append(contentsOf: bytes)
            if state.bytes.count > state.peak { state.peak = state.bytes.count }
            guard !state.deliveryPending else { return nil }
            state.deliveryPending = true
            return state.reader
        }
    }

    /// Swaps the queued bytes into `buffer` (which must be empty).
    fileprivate func take(into buffer: inout [UInt8]) -> Taken {
        state.withLock { state in
            state.deliveryPending = false
            swap(&state.bytes, &buffer)
            let waiting = state.writerWaiting ? state.writer : nil
            state.writerWaiting = false
            let reason = state.endReason
            if reason != nil { state.reader = nil }
            return Taken(waitingWriter: waiting, endReason: reason)
        }
    }

    /// The writer has gone; returns the reader when it must be told.
    fileprivate func writerEnded(reason: String, dropping: Bool) -> InProcessStream? {
        state.withLock { state in
            guard state.endReason == nil else { return nil }
            state.endReason = reason
            state.writer = nil
            state.writerWaiting = false
            if dropping { state.bytes = [] }
            guard !state.readerLeft, !state.deliveryPending else { return nil }
            state.deliveryPending = true
            return state.reader
        }
    }

    /// The reader has gone: what is queued and what comes later is dropped.
    fileprivate func readerLeft() {
        state.withLock { state in
            state.readerLeft = true
            state.bytes = []
            state.reader = nil
        }
    }
}

/// What the client and server sides of a gRPC stream share on the event loop: the headers
/// received (within the size limit), DATA deframed into messages for the reader with the
/// peer's window held back while the reader is behind, and framed messages queued for DATA.
/// Loop-confined, but for `inbound` and `gate`, which the application's task uses.
class RPCStream: @unchecked Sendable {
    final var id: Int32
    final let loop: EventLoop
    /// The connection carrying the stream, while it does: cleared (`detach`) when the stream
    /// leaves it. Strong, not weak: a weakly referenced object pays for every retain and
    /// release from then on, and connections are retained on every nghttp2 callback.
    final var connection: HTTP2Connection?
    final var headers = ReceivedHeaders()
    final var deframer: MessageDeframer
    /// The peer's `grpc-encoding`, with which compressed messages are inflated.
    final var inboundEncoding: CompressionAlgorithm?
    /// Messages received, on their way to the application's reader.
    final let inbound: MessageQueue
    /// Holds the application's writer back while too much of its output is queued.
    final let gate: WriteGate
    final var outbound = OutboundBuffer()
    final var finished = false
    final var deadlineTimer: TimerQueue.ID?
    /// DATA bytes received but not yet returned to the peer's window (the reader is behind).
    private final var heldBytes = 0
    private final let holding: HoldFlag

    /// A stream of its own, or (`sharing`) one that delivers into another's reader and writer:
    /// an attempt of a retried call, whose messages reach the application through the call's
    /// stream while the window held back is this one's.
    init(id: Int32 = -1, maxMessageSize: Int, loop: EventLoop, sharing other: RPCStream? = nil) {
        self.id = id
        self.loop = loop
        deframer = MessageDeframer(maxMessageSize: maxMessageSize)
        if let other {
            inbound = other.inbound
            holding = other.holding
            gate = other.gate
            return
        }
        gate = WriteGate()
        let holding = HoldFlag()
        self.holding = holding
        // Runs on the reader's task after each message it takes: only the atomic flag is read here.
        inbound = MessageQueue { backlog in
            guard backlog == 0, holding.isSet else { return }
            loop.execute { holding.stream?.releaseHeldWindow() }
        }
    }

    /// Deframes DATA for the reader; throws when the bytes do not make valid messages (the
    /// bytes are returned to the window first, so the connection's flow does not leak).
    final func receive(_ bytes: UnsafeRawBufferPointer) throws {
        do {
            try deframer.feed(bytes, encoding: inboundEncoding) { inbound.push($0) }
        } catch {
            connection?.consumeStream(id, bytes: bytes.count)
            throw error
        }
        // Hold the window back while the reader has messages it has not taken.
        if inbound.backlog > 0 {
            heldBytes += bytes.count
            holding.hold(for: self)
        } else {
            connection?.consumeStream(id, bytes: bytes.count)
        }
    }

    /// The reader caught up: reopen the window held back while it was behind.
    final func releaseHeldWindow() {
        guard heldBytes > 0, id > 0 else { return }
        connection?.consumeStream(id, bytes: heldBytes)
        heldBytes = 0
        holding.release()
    }

    /// The stream has left its connection (closed, or the connection is gone).
    final func detach() {
        connection = nil
        holding.release()
    }

    /// Queues a framed message for DATA.
    final func enqueue(_ bytes: [UInt8]) {
        outbound.append(bytes)
        if id > 0 { connection?.resumeData(id) }
    }

    /// No more messages after the queued ones.
    final func finishOutbound() {
        outbound.isFinished = true
        if id > 0 { connection?.resumeData(id) }
    }

    /// Copies queued DATA into nghttp2's buffer; `ended` once the last queued byte has gone
    /// and the side is finished.
    final func readOutbound(into buffer: UnsafeMutableRawBufferPointer) -> (count: Int, ended: Bool) {
        let count = outbound.read(into: buffer)
        if count > 0 { gate.release(count) }
        return (count, outbound.isEmpty && outbound.isFinished)
    }

    final func cancelDeadline() {
        if let timer = deadlineTimer { loop.cancelTimer(timer) }
        deadlineTimer = nil
    }
}

/// The fields of a header block as they arrive, with the size HTTP/2 counts for them (name +
/// value + 32 each). Past `limit` they are counted but no longer kept.
struct ReceivedHeaders {
    private(set) var fields: [(String, String)] = []
    private(set) var size = 0
    var limit = Int.max

    var isOverLimit: Bool { size > limit }

    mutating func add(name: String, value: String) {
        size += name.utf8.count + value.utf8.count + 32
        if size <= limit { fields.append((name, value)) }
    }

    /// A new block (trailers after headers) is counted on its own.
    mutating func startBlock() {
        fields.removeAll(keepingCapacity: true)
        size = 0
    }

    subscript(name: String) -> String? {
        fields.first { $0.0 == name }?.1
    }
}

import CNGHTTP2

/// What a client stream is opened with, kept so that a stream the server refused before
/// processing it can be opened again on another connection.
struct StreamRequest {
    let path: String
    let options: CallOptions
    let deadline: ContinuousClock.Instant?
    /// The whole request stream, when the call has exactly one message (unary, server
    /// streaming): sent half-closed with the headers, and replayable.
    let onlyRequest: [UInt8]?
    /// The method config's `maxRequestMessageBytes`, checked as each message is written.
    var maxRequestMessageBytes: Int? = nil
    /// For a request stream of any length: how many bytes to keep after sending them, so that a
    /// stream the server refuses unprocessed goes again on another (0: none kept).
    var replayLimit = 0
}

/// The loop side of a client RPC. Loop-confined, but for the promises the call's task awaits.
/// It knows nothing of its ClientCall, so a call the application drops is freed, and its
/// deinit cancels the stream.
final class ClientStream: RPCStream, @unchecked Sendable {
    let request: StreamRequest
    /// The connection's handler while the stream is open on it (cleared with `detach`).
    var handler: ClientConnectionHandler?
    let responseHeaders: Promise<Result<Metadata, RPCError>>
    let status: Promise<CallStatus>
    /// Takes the stream out of the channel's queue of calls waiting for a connection.
    var leaveQueue: (() -> Void)?
    /// The retried or hedged call this stream is the front or an attempt of (nil: a plain call).
    var retry: RetryingCall?
    var sawResponseHeaders = false
    /// Times the stream was opened; a refused one is opened once more at most.
    var attempts = 0

    init(request: StreamRequest, loop: EventLoop) {
        self.request = request
        responseHeaders = Promise()
        status = Promise()
        super.init(maxMessageSize: request.options.maxReceiveMessageSize, loop: loop)
        if let onlyRequest = request.onlyRequest {
            outbound.append(onlyRequest)
            outbound.isFinished = true
        } else if request.replayLimit > 0 {
            outbound.keepSent(upTo: request.replayLimit)
        }
    }

    /// An attempt of `retry`'s call: what it receives goes to the front's reader and promises
    /// once the call commits to it; until then its end goes to `retry`, which decides.
    init(attemptOf front: ClientStream, retry: RetryingCall, request: StreamRequest) {
        self.request = request
        self.retry = retry
        responseHeaders = front.responseHeaders
        status = front.status
        super.init(maxMessageSize: request.options.maxReceiveMessageSize, loop: front.loop, sharing: front)
        if let onlyRequest = request.onlyRequest {
            outbound.append(onlyRequest)
            outbound.isFinished = true
        }
    }

    private var isAttempt: Bool { retry.map { $0.front !== self } ?? false }

    /// Whether the stream may be opened again after the server refused it unprocessed (gRPC's
    /// transparent retry): a call whose request so far is known (a single message, or a stream
    /// within its replay limit), that has seen nothing from the server, and once.
    var isReplayable: Bool {
        (request.onlyRequest != nil || outbound.keepsSentBytes) && !sawResponseHeaders && !finished && attempts < 2
    }

    /// Back to the state before it was opened, with its request queued again.
    func rewind() {
        id = -1
        detach()
        handler = nil
        headers.startBlock()
        deframer = MessageDeframer(maxMessageSize: request.options.maxReceiveMessageSize)
        if let onlyRequest = request.onlyRequest {
            outbound = OutboundBuffer()
            gate.account(onlyRequest.count)
            outbound.append(onlyRequest)
            outbound.isFinished = true
        } else {
            gate.account(outbound.rewind())
        }
    }

    /// Ends the call locally with a status; `reset` sends RST_STREAM(CANCEL) to the server.
    func complete(code: StatusCode, message: String, trailers: Metadata, reset: Bool, details: Google_Rpc_Status? = nil) {
        guard !finished else { return }
        if let leaveQueue {
            self.leaveQueue = nil
            leaveQueue()
        }
        if let retry, isAttempt {
            if reset && id > 0 { connection?.resetStream(id) }
            abandonAttempt()
            retry.attemptEnded(self, CallStatus(code: code, message: message, trailers: trailers, details: details))
            return
        }
        finished = true
        cancelDeadline()
        if reset && id > 0 { connection?.resetStream(id) }
        let outcome = CallStatus(code: code, message: message, trailers: trailers, details: details)
        inbound.finish(outcome.error)
        gate.fail(outcome.error ?? RPCError(code: .failedPrecondition, message: "the call has finished"))
        responseHeaders.fulfil(.failure(outcome.error ?? RPCError(code: .internalError, message: "no response headers")))
        status.fulfil(outcome)
        handler?.streamFinished(self)
        handler = nil
        detach()
        retry?.frontEnded()
    }

    /// An attempt leaves the call without touching what the application reads: what it has not
    /// sent leaves the call's write gate.
    func abandonAttempt() {
        finished = true
        gate.release(outbound.unsentBytes)
        outbound = OutboundBuffer()
        handler?.streamFinished(self)
        handler = nil
        detach()
    }
}

import CNGHTTP2

/// How an RPC ended on the client: its status and trailing metadata.
public struct CallStatus: Sendable {
    public let code: StatusCode
    public let message: String
    public let trailers: Metadata

    /// The rich status from `grpc-status-details-bin`, if the server sent one.
    public let details: Google_Rpc_Status?

    var error: RPCError? {
        code == .ok ? nil : RPCError(code: code, message: message, metadata: trailers, details: details)
    }
}

/// One client RPC in flight: the task side. The loop side is ClientStream.
final class ClientCall: Sendable {
    let responses: MessageQueue
    let gate = WriteGate()
    let headers = Promise<Result<Metadata, RPCError>>()
    let status = Promise<CallStatus>()
    let stream: ClientStream
    let loop: EventLoop
    /// How request messages are compressed (CallOptions.compression).
    let compression: CompressionAlgorithm?

    init(stream: ClientStream, loop: EventLoop, responses: MessageQueue, compression: CompressionAlgorithm?) {
        self.stream = stream
        self.loop = loop
        self.responses = responses
        self.compression = compression
    }

    func send(_ bytes: [UInt8]) async throws {
        try await gate.reserve(bytes.count)
        loop.execute { [stream] in stream.enqueue(bytes) }
    }

    func finishSending() {
        loop.execute { [stream] in stream.finishSending() }
    }

    func cancel() {
        loop.execute { [stream] in
            stream.complete(code: .cancelled, message: "the call was cancelled by the client", trailers: Metadata(), reset: true)
        }
    }

    deinit {
        loop.execute { [stream] in
            stream.complete(code: .cancelled, message: "the call was dropped", trailers: Metadata(), reset: true)
        }
    }

    /// The final status, waiting for it if need be.
    func finalStatus() async -> CallStatus { await status.value }
}

/// The loop side of a client RPC. Loop-confined.
final class ClientStream: @unchecked Sendable {
    var id: Int32 = -1
    weak var handler: ClientConnectionHandler?
    /// Weak: a call the application has dropped is cancelled by ClientCall's deinit.
    weak var call: ClientCall?
    var deframer: MessageDeframer
    var outbound = OutboundBuffer()
    var receivedHeaders: [(String, String)] = []
    var responseEncoding: CompressionAlgorithm?
    var sawResponseHeaders = false
    var finished = false
    var deadlineTimer: TimerQueue.ID?
    var heldBytes = 0
    let holding = HoldFlag()

    init(maxMessageSize: Int) {
        deframer = MessageDeframer(maxMessageSize: maxMessageSize)
    }

    func enqueue(_ bytes: [UInt8]) {
        guard !finished, let handler else { return }
        outbound.append(bytes)
        handler.connection.resumeData(id)
    }

    func finishSending() {
        guard !finished, let handler else { return }
        outbound.isFinished = true
        handler.connection.resumeData(id)
    }

    /// Ends the call locally with a status; `reset` sends RST_STREAM(CANCEL) to the server.
    func complete(code: StatusCode, message: String, trailers: Metadata, reset: Bool, details: Google_Rpc_Status? = nil) {
        guard !finished else { return }
        finished = true
        if let timer = deadlineTimer, let handler { handler.connection.loop.cancelTimer(timer) }
        if reset, let handler, id > 0 { handler.connection.resetStream(id) }
        let status = CallStatus(code: code, message: message, trailers: trailers, details: details)
        if let call {
            call.headers.fulfil(.failure(status.error ?? RPCError(code: .internalError, message: "no response headers")))
            call.responses.finish(status.error)
            call.gate.fail(status.error ?? RPCError(code: .failedPrecondition, message: "the call has finished"))
            call.status.fulfil(status)
        }
        handler?.streamFinished(self)
    }
}

import CNGHTTP2

/// How an RPC ended on the client: its status and trailing metadata.
public struct CallStatus: Sendable {
    /// The status code (``StatusCode/ok`` for success).
    public let code: StatusCode
    /// The status message (`grpc-message`), empty when the server sent none.
    public let message: String
    /// The trailing metadata the server sent with the status.
    public let trailers: Metadata

    /// The rich status from `grpc-status-details-bin`, if the server sent one.
    public let details: Google_Rpc_Status?

    var error: RPCError? {
        code == .ok ? nil : RPCError(code: code, message: message, metadata: trailers, details: details)
    }
}

/// One client RPC in flight: the task side. The loop side is ClientStream.
final class ClientCall: Sendable {
    let stream: ClientStream
    let loop: EventLoop
    /// How request messages are compressed (CallOptions.compression).
    let compression: CompressionAlgorithm?
    /// The interceptors' observers and end report; nil when no interceptor applies.
    let interception: ClientInterception?

    init(stream: ClientStream, loop: EventLoop, compression: CompressionAlgorithm?, interception: ClientInterception? = nil) {
        self.stream = stream
        self.loop = loop
        self.compression = compression
        self.interception = interception
    }

    var responseObservers: [MessageObserver] { interception?.responseObservers ?? [] }

    var responses: MessageQueue { stream.inbound }
    var headers: Promise<Result<Metadata, RPCError>> { stream.responseHeaders }
    var status: Promise<CallStatus> { stream.status }

    func send(_ bytes: [UInt8]) async throws {
        if let limit = stream.request.maxRequestMessageBytes, bytes.count - 5 > limit {
            throw RPCError.requestTooLarge(bytes.count - 5, limit: limit)
        }
        try await stream.gate.reserve(bytes.count)
        loop.execute { [stream] in
            guard !stream.finished else { return }
            if let retry = stream.retry { retry.enqueue(bytes) } else { stream.enqueue(bytes) }
        }
    }

    func finishSending() {
        loop.execute { [stream] in
            guard !stream.finished else { return }
            if let retry = stream.retry { retry.finishOutbound() } else { stream.finishOutbound() }
        }
    }

    /// Ends the call with `error` (an interceptor's observer failed it): the server sees
    /// RST_STREAM(CANCEL). Does nothing once the call has ended.
    func fail(_ error: RPCError) {
        loop.execute { [stream] in
            stream.complete(code: error.code, message: error.message, trailers: error.metadata, reset: true, details: error.details)
        }
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
        // A stream dropped before its reader saw the end: its interceptors hear of it now.
        if let interception, !interception.hasFinished {
            Task { [status = stream.status] in await interception.finish(await status.value) }
        }
    }

    /// The final status, waiting for it if need be.
    func finalStatus() async -> CallStatus { await status.value }
}

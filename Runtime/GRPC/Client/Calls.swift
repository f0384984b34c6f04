import SwiftProto

/// A single response with the metadata around it.
public struct ClientResponse<Message: SwiftProto.Message>: Sendable {
    public let message: Message
    /// The server's response headers.
    public let headers: Metadata
    /// The trailers that came with the OK status.
    public let trailers: Metadata
    /// Whether the response message travelled compressed.
    public let wasCompressed: Bool
}

/// The responses of a server- or bidirectional-streaming call, read as an AsyncSequence. The
/// sequence throws the call's RPCError when it ends with a non-OK status. Dropping every copy
/// of it (and of the call) before the end cancels the RPC.
public struct ResponseStream<Element: SwiftProto.Message>: AsyncSequence, Sendable {
    let call: ClientCall

    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ClientCall
        var messages: MessageStream<Element>.AsyncIterator

        /// Whether the message `next()` returned last travelled compressed.
        public var lastMessageWasCompressed: Bool { messages.lastMessageWasCompressed }

        public mutating func next() async throws -> Element? {
            let call = self.call
            return try await withTaskCancellationHandler {
                try await messages.next()
            } onCancel: {
                call.cancel()
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(call: call, messages: MessageStream(queue: call.responses).makeAsyncIterator())
    }

    /// The response headers; throws the call's error if it ended without any.
    public func headers() async throws -> Metadata {
        try await call.headers.value.get()
    }

    /// The status and trailers, once the call has ended.
    public func status() async -> CallStatus {
        await call.finalStatus()
    }

    /// Ends the call now: the server sees RST_STREAM(CANCEL), readers see CANCELLED.
    public func cancel() {
        call.cancel()
    }
}

/// Sends the requests of a client- or bidirectional-streaming call.
public struct RequestSender<Element: SwiftProto.Message>: Sendable {
    let call: ClientCall

    /// Sends one message, compressed if the call has a compression algorithm and `compress`
    /// is true; waits while too much is in flight.
    public func write(_ message: Element, compress: Bool = true) async throws {
        try await call.send(try MessageFramer.frame(message, compression: compress ? call.compression : nil))
    }

    /// No more requests (half-close).
    public func finish() {
        call.finishSending()
    }
}

/// A bidirectional-streaming call: write requests and read responses concurrently.
public struct BidirectionalCall<Request: SwiftProto.Message, Response: SwiftProto.Message>: Sendable {
    public let requests: RequestSender<Request>
    public let responses: ResponseStream<Response>
}

extension Channel {
    public func unary<Request: Message, Response: Message>(
        path: String, request: Request, as response: Response.Type = Response.self, options: CallOptions = CallOptions()
    ) async throws -> ClientResponse<Response> {
        let frame = try MessageFramer.frame(request, compression: options.compression)
        // The call's awaits resume on the channel's I/O thread, where its events happen: no
        // user code runs in here, so nothing can block the loop, and each resume saves a hop.
        return try await withTaskExecutorPreference(loop.taskExecutor) {
            let call = try await startCall(path: path, options: options, onlyRequest: frame)
            return try await withTaskCancellationHandler {
                try await Channel.singleResponse(Response.self, call)
            } onCancel: {
                call.cancel()
            }
        }
    }

    public func serverStreaming<Request: Message, Response: Message>(
        path: String, request: Request, as response: Response.Type = Response.self, options: CallOptions = CallOptions()
    ) async throws -> ResponseStream<Response> {
        let call = try await startCall(path: path, options: options,
                                       onlyRequest: try MessageFramer.frame(request, compression: options.compression))
        return ResponseStream(call: call)
    }

    /// Runs `requests` to send the request stream (finished for you when it returns), then
    /// waits for the single response.
    public func clientStreaming<Request: Message, Response: Message>(
        path: String, as response: Response.Type = Response.self, options: CallOptions = CallOptions(),
        requests: (RequestSender<Request>) async throws -> Void
    ) async throws -> ClientResponse<Response> {
        let call = try await startCall(path: path, options: options)
        return try await withTaskCancellationHandler {
            do {
                try await requests(RequestSender(call: call))
            } catch is RPCError where call.status.current != nil {
                // The server ended the call while we wrote; its status, below, says why.
            } catch is CancellationError {
                call.cancel()
                throw RPCError(code: .cancelled, message: "the call was cancelled")
            } catch {
                // The caller gave up on the call: the server must not wait for more requests.
                call.cancel()
                throw error
            }
            call.finishSending()
            return try await Channel.singleResponse(Response.self, call)
        } onCancel: {
            call.cancel()
        }
    }

    public func bidirectionalStreaming<Request: Message, Response: Message>(
        path: String, request: Request.Type = Request.self, response: Response.Type = Response.self,
        options: CallOptions = CallOptions()
    ) async throws -> BidirectionalCall<Request, Response> {
        let call = try await startCall(path: path, options: options)
        return BidirectionalCall(requests: RequestSender(call: call), responses: ResponseStream(call: call))
    }

    private static func singleResponse<Response: Message>(_ type: Response.Type, _ call: ClientCall) async throws
        -> ClientResponse<Response>
    {
        var messages = MessageStream<Response>(queue: call.responses).makeAsyncIterator()
        let first = try await messages.next()
        let wasCompressed = messages.lastMessageWasCompressed
        let extra = try await messages.next()
        let status = await call.finalStatus()
        if let error = status.error { throw error }
        guard let message = first else {
            throw RPCError(code: .internalError, message: "the server sent no response message", metadata: status.trailers)
        }
        guard extra == nil else {
            throw RPCError(code: .internalError, message: "the server sent more than one response message")
        }
        let headers = (try? await call.headers.value.get()) ?? Metadata()
        return ClientResponse(message: message, headers: headers, trailers: status.trailers, wasCompressed: wasCompressed)
    }
}

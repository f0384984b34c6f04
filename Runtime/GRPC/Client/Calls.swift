import SwiftProto

/// A single response with the metadata around it.
public struct ClientResponse<Message: SwiftProto.Message>: Sendable {
    /// The response message.
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

    /// Reads the responses one at a time; cancelling the reading task cancels the RPC.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ClientCall
        var messages: MessageStream<Element>.AsyncIterator

        /// Whether the message `next()` returned last travelled compressed.
        public var lastMessageWasCompressed: Bool { messages.lastMessageWasCompressed }

        /// The next response, waiting for it; nil once the call has ended with OK.
        ///
        /// - Throws: the call's ``RPCError`` when it ends with any other status (the server's,
        ///   or DEADLINE_EXCEEDED, CANCELLED, UNAVAILABLE …).
        public mutating func next() async throws -> Element? {
            let call = self.call
            return try await withTaskCancellationHandler {
                try await messages.next()
            } onCancel: {
                call.cancel()
            }
        }
    }

    /// An iterator over the responses (single-pass: read them from one task).
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
    /// Where requests go; call ``RequestSender/finish()`` after the last one.
    public let requests: RequestSender<Request>
    /// The responses, as they arrive; read them while requests are still being written.
    public let responses: ResponseStream<Response>
}

extension Channel {
    /// Calls a unary method by path: one request, one response, with the response headers and
    /// trailers. Generated clients call this and return its `message`.
    ///
    /// - Parameters:
    ///   - path: the method's `:path`, `/package.Service/Method`.
    ///   - request: the request message.
    ///   - response: the response type, when the context does not say it.
    ///   - options: deadline, metadata, wait-for-ready, size limit, compression.
    /// - Throws: ``RPCError`` with the call's status when it is not OK.
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

    /// Starts a server-streaming call by path: the request is sent at once, the responses are
    /// read from the returned stream (which throws the status when it is not OK).
    ///
    /// - Parameters:
    ///   - path: the method's `:path`, `/package.Service/Method`.
    ///   - request: the request message.
    ///   - response: the response type, when the context does not say it.
    ///   - options: deadline, metadata, wait-for-ready, size limit, compression.
    /// - Throws: ``RPCError`` when no stream could be opened (no connection, deadline).
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

    /// Starts a bidirectional-streaming call by path: write requests with its `requests` and
    /// read responses from its `responses`, concurrently or in turn.
    ///
    /// - Parameters:
    ///   - path: the method's `:path`, `/package.Service/Method`.
    ///   - request: the request type.
    ///   - response: the response type.
    ///   - options: deadline, metadata, wait-for-ready, size limit, compression.
    /// - Throws: ``RPCError`` when no stream could be opened (no connection, deadline).
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

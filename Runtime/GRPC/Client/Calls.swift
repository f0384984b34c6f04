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
            guard let interception = call.interception else { return try await receive() }
            do {
                let message = try await receive()
                if message == nil { await interception.finish(await call.finalStatus()) }
                return message
            } catch {
                // A response observer's error (or an undecodable message) ends the call here:
                // the server must hear of it. After the server's own status this does nothing.
                if let error = error as? RPCError { call.fail(error) }
                await interception.finish(await call.finalStatus())
                throw error
            }
        }

        private mutating func receive() async throws -> Element? {
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
        AsyncIterator(call: call, messages: MessageStream(queue: call.responses, observers: call.responseObservers).makeAsyncIterator())
    }

    /// The response headers; throws the call's error if it ended without any.
    public func headers() async throws -> Metadata {
        try await call.headers.value.get()
    }

    /// The status and trailers, once the call has ended.
    public func status() async -> CallStatus {
        let status = await call.finalStatus()
        await call.interception?.finish(status)
        return status
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
        let compression = compress ? call.compression : nil
        if let interception = call.interception, !interception.requestObservers.isEmpty {
            return try await call.send(try await interception.frame(message, compression: compression, failing: call))
        }
        try await call.send(try MessageFramer.frame(message, compression: compression))
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
        if !interceptors.isEmpty, let interception = try await intercept(path, .unary, options: options) {
            return try await unary(path: path, request: request, as: response, interception: interception)
        }
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
        if !interceptors.isEmpty, let interception = try await intercept(path, .serverStreaming, options: options) {
            return try await serverStreaming(path: path, request: request, as: response, interception: interception)
        }
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
        if !interceptors.isEmpty, let interception = try await intercept(path, .clientStreaming, options: options) {
            return try await clientStreaming(path: path, as: response, interception: interception, requests: requests)
        }
        return try await Channel.clientStreaming(try await startCall(path: path, options: options), as: Response.self, requests: requests)
    }

    /// Sends the request stream of a started client-streaming call, then reads its response.
    static func clientStreaming<Request: Message, Response: Message>(
        _ call: ClientCall, as response: Response.Type, requests: (RequestSender<Request>) async throws -> Void
    ) async throws -> ClientResponse<Response> {
        try await withTaskCancellationHandler {
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
        if !interceptors.isEmpty, let interception = try await intercept(path, .bidirectionalStreaming, options: options) {
            return try await bidirectionalStreaming(path: path, request: request, response: response, interception: interception)
        }
        let call = try await startCall(path: path, options: options)
        return BidirectionalCall(requests: RequestSender(call: call), responses: ResponseStream(call: call))
    }

    static func singleResponse<Response: Message>(_ type: Response.Type, _ call: ClientCall) async throws
        -> ClientResponse<Response>
    {
        var messages = MessageStream<Response>(queue: call.responses, observers: call.responseObservers).makeAsyncIterator()
        let first: Response?, wasCompressed: Bool, extra: Response?
        do {
            first = try await messages.next()
            wasCompressed = messages.lastMessageWasCompressed
            extra = try await messages.next()
        } catch let error as RPCError where call.interception != nil {
            // A response observer's error ends the call here: the server must hear of it.
            call.fail(error)
            throw error
        }
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

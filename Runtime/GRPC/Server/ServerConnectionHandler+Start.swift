/// Starting an RPC, in the steps the protocol takes: validate the request headers, arm the
/// deadline, make the call the handler sees, spawn the handler's task.
extension ServerConnectionHandler {
    /// What the request headers say, once they have been found valid.
    struct ValidatedRequest {
        let path: String
        let method: Router.Handler
        let deadline: ContinuousClock.Instant?
    }

    func start(_ stream: ServerStream) {
        guard let request = validate(stream) else { return }
        let context = ServerContext(path: request.path, requestMetadata: Metadata(receivedHeaders: stream.headers.fields),
                                    deadline: request.deadline, peer: connection.peer, requestCompression: stream.inboundEncoding,
                                    acceptedCompression: CompressionAlgorithm.accepted(by: stream.header("grpc-accept-encoding")))
        armDeadline(stream, request.deadline)
        spawn(request.method, call: makeCall(stream, context: context), on: stream)
    }

    /// Checks the headers as PROTOCOL-HTTP2 requires; on a problem answers it (a status, or
    /// an HTTP error for what is not gRPC at all) and returns nil.
    private func validate(_ stream: ServerStream) -> ValidatedRequest? {
        guard !stream.headers.isOverLimit else {
            finish(stream, error: RPCError(code: .resourceExhausted,
                                           message: "request headers of \(stream.headers.size) bytes exceed the limit of \(configuration.maxHeaderListSize)"))
            return nil
        }
        guard stream.header(":method") == "POST" else {
            respondHTTP(stream, status: "405")
            return nil
        }
        guard let contentType = stream.header("content-type"), contentType == "application/grpc" || contentType.hasPrefix("application/grpc+")
            || contentType.hasPrefix("application/grpc;") else {
            respondHTTP(stream, status: "415")
            return nil
        }
        let path = stream.header(":path") ?? ""
        do {
            stream.inboundEncoding = try CompressionAlgorithm.from(header: stream.header("grpc-encoding"))
        } catch {
            let failure = error as? RPCError ?? RPCError(code: .unimplemented, message: "\(error)")
            finish(stream, error: failure, extraTrailers: [("grpc-accept-encoding", CompressionAlgorithm.acceptHeader)])
            return nil
        }
        var deadline: ContinuousClock.Instant?
        if let timeout = stream.header("grpc-timeout") {
            guard let duration = GRPCTimeout.decode(timeout) else {
                finish(stream, error: RPCError(code: .internalError, message: "malformed grpc-timeout '\(timeout)'"))
                return nil
            }
            deadline = ContinuousClock.now + duration
        }
        guard let method = router.handlers[path] else {
            let (service, methodName) = ServerConnectionHandler.split(path)
            let known = router.handlers.keys.contains { $0.hasPrefix("/\(service)/") }
            finish(stream, error: RPCError(code: .unimplemented,
                                           message: known ? "method \(methodName) of \(service) is not implemented"
                                                          : "service \(service) is not implemented"))
            return nil
        }
        return ValidatedRequest(path: path, method: method, deadline: deadline)
    }

    private func armDeadline(_ stream: ServerStream, _ deadline: ContinuousClock.Instant?) {
        guard let deadline else { return }
        // Strong captures (no weak reference makes these objects slower to retain): finishing
        // the stream cancels the timer.
        stream.deadlineTimer = loop.schedule(at: deadline) { [self] in
            guard !stream.finished else { return }
            stream.task?.cancel()
            finish(stream, error: RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
        }
    }

    /// The RPC as the handler's task sees it: its requests, and ways to send that hop to the
    /// loop. It holds the handler until the task ends (a cycle through `stream.task` that ends
    /// with the task).
    private func makeCall(_ stream: ServerStream, context: ServerContext) -> ServerCall {
        let streamID = stream.id
        let loop = self.loop
        return ServerCall(
            requests: stream.inbound,
            send: { [self, gate = stream.gate] bytes in
                try await gate.reserve(bytes.count)
                loop.execute { self.enqueue(bytes, on: streamID, context: context) }
            },
            sendHeaders: { [self] in
                loop.execute { self.sendHeadersIfNeeded(on: streamID, context: context) }
            },
            context: context)
    }

    /// Runs the handler as a task; its outcome (and a unary response) goes back to the loop
    /// in one hop, as the final message and the status.
    private func spawn(_ method: @escaping Router.Handler, call: ServerCall, on stream: ServerStream) {
        let streamID = stream.id
        let loop = self.loop
        let context = call.context
        let executor: (any TaskExecutor)? = configuration.runsHandlersOnEventLoop ? loop.taskExecutor : nil
        stream.task = Task(executorPreference: executor) {
            var failure: RPCError?
            var finalMessage: [UInt8]?
            do {
                finalMessage = try await method(call)
            } catch let error as RPCError {
                failure = error
            } catch is CancellationError {
                failure = RPCError(code: .cancelled, message: "the handler was cancelled")
            } catch {
                // Other errors could leak internals; the client learns only that it failed.
                failure = RPCError(code: .unknown, message: "the handler failed")
            }
            let outcome = failure
            let lastMessage = finalMessage
            loop.execute { [self] in
                guard let stream = streams[streamID] else { return }
                if let lastMessage { enqueue(lastMessage, on: streamID, context: context) }
                finish(stream, error: outcome, context: context)
            }
        }
    }

    static func split(_ path: String) -> (service: String, method: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return (path, "") }
        return (String(parts[0]), String(parts[1]))
    }
}

import SwiftProto
import CNGHTTP2
import Synchronization

/// The gRPC server protocol on one HTTP/2 connection: requests in, handlers started as tasks,
/// responses and statuses out. Loop-confined.
final class ServerConnectionHandler: HTTP2StreamHandler, @unchecked Sendable {
    private let connection: HTTP2Connection
    private let router: Router
    private let configuration: ServerConfiguration
    private let peer: String
    private var streams: [Int32: ServerStream] = [:]
    private var draining = false
    var onClose: (() -> Void)?

    init(connection: HTTP2Connection, router: Router, configuration: ServerConfiguration, peer: String) {
        self.connection = connection
        self.router = router
        self.configuration = configuration
        self.peer = peer
    }

    var loop: EventLoop { connection.loop }
    var openStreams: Int { streams.count }

    // MARK: HTTP2StreamHandler

    func beginHeaders(streamID: Int32) {
        guard streams[streamID] == nil else { return }
        let holding = HoldFlag()
        let loop = self.loop
        let stream = ServerStream(id: streamID, maxMessageSize: configuration.maxReceiveMessageSize, holding: holding) {
            [weak self] backlog in
            // Runs on the reader's task: only the atomic flag is read here.
            guard backlog == 0, holding.isSet else { return }
            let owner = self
            loop.execute { owner?.releaseHeldWindow(streamID: streamID) }
        }
        streams[streamID] = stream
    }

    func header(streamID: Int32, name: String, value: String) -> Bool {
        guard let stream = streams[streamID] else { return true }
        stream.headerListSize += name.utf8.count + value.utf8.count + 32
        // Over the limit: stop keeping headers; headersComplete answers RESOURCE_EXHAUSTED.
        if stream.task == nil && stream.headerListSize <= Int(configuration.maxHeaderListSize) {
            stream.headers.append((name, value))
        }
        return true
    }

    func headersComplete(streamID: Int32, endStream: Bool) {
        guard let stream = streams[streamID] else { return }
        if stream.task == nil && !stream.finished {
            start(stream)
        }
        if endStream {
            stream.peerEnded = true
            stream.requests.finish(nil)
        }
    }

    func data(streamID: Int32, bytes: UnsafeRawBufferPointer) {
        guard let stream = streams[streamID], !stream.finished else {
            connection.consumeStream(streamID, bytes: bytes.count)
            return
        }
        do {
            try stream.deframer.feed(bytes, encoding: stream.requestEncoding) { stream.requests.push($0) }
        } catch let error as RPCError {
            finish(stream, error: error)
            connection.consumeStream(streamID, bytes: bytes.count)
            return
        } catch {
            return
        }
        // Hold the window back while the reader has messages it has not taken.
        if stream.requests.backlog > 0 {
            stream.heldBytes += bytes.count
            stream.holding.isSet = true
        } else {
            connection.consumeStream(streamID, bytes: bytes.count)
        }
    }

    private func releaseHeldWindow(streamID: Int32) {
        guard let stream = streams[streamID], stream.heldBytes > 0 else { return }
        connection.consumeStream(streamID, bytes: stream.heldBytes)
        stream.heldBytes = 0
        stream.holding.isSet = false
    }

    func endOfStream(streamID: Int32) {
        guard let stream = streams[streamID] else { return }
        if stream.deframer.bufferedCount > 0 {
            finish(stream, error: RPCError(code: .internalError, message: "request stream ended inside a message"))
            return
        }
        stream.peerEnded = true
        stream.requests.finish(nil)
    }

    func streamClosed(streamID: Int32, errorCode: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID) else { return }
        if let timer = stream.deadlineTimer { loop.cancelTimer(timer) }
        let cancelled = RPCError(code: .cancelled, message: errorCode == 0 ? "the stream closed" : "the client cancelled the RPC")
        stream.requests.finish(cancelled)
        stream.gate.fail(cancelled)
        if !stream.finished {
            stream.finished = true
            stream.task?.cancel()
        }
        if draining && streams.isEmpty { connection.goAway() }
    }

    func readOutbound(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer) -> OutboundRead {
        guard let stream = streams[streamID] else { return .bytes(0, end: true, trailers: false) }
        let count = stream.outbound.read(into: buffer)
        if count > 0 { stream.gate.release(count) }
        if stream.outbound.isEmpty && stream.outbound.isFinished {
            if let trailers = stream.trailers {
                connection.submitTrailers(streamID: streamID, headers: trailers)
            }
            return .bytes(count, end: true, trailers: true)
        }
        return count > 0 ? .bytes(count, end: false, trailers: false) : .deferred
    }

    func goawayReceived(lastStreamID: Int32) {}

    func connectionClosed(reason: String) {
        let failure = RPCError(code: .unavailable, message: reason)
        for stream in streams.values {
            stream.requests.finish(failure)
            stream.gate.fail(failure)
            stream.task?.cancel()
            if let timer = stream.deadlineTimer { loop.cancelTimer(timer) }
        }
        streams.removeAll()
        connection.handler = nil
        onClose?()
        onClose = nil
    }

    // MARK: Starting and finishing RPCs

    private func start(_ stream: ServerStream) {
        guard stream.headerListSize <= Int(configuration.maxHeaderListSize) else {
            finish(stream, error: RPCError(code: .resourceExhausted,
                                           message: "request headers of \(stream.headerListSize) bytes exceed the limit of \(configuration.maxHeaderListSize)"))
            return
        }
        guard stream.header(":method") == "POST" else {
            respondHTTP(stream, status: "405")
            return
        }
        guard let contentType = stream.header("content-type"), contentType == "application/grpc" || contentType.hasPrefix("application/grpc+")
            || contentType.hasPrefix("application/grpc;") else {
            respondHTTP(stream, status: "415")
            return
        }
        let path = stream.header(":path") ?? ""
        do {
            stream.requestEncoding = try CompressionAlgorithm.from(header: stream.header("grpc-encoding"))
        } catch let error as RPCError {
            finish(stream, error: error, extraTrailers: [("grpc-accept-encoding", CompressionAlgorithm.acceptHeader)])
            return
        } catch {}
        var deadline: ContinuousClock.Instant?
        if let timeout = stream.header("grpc-timeout") {
            guard let duration = GRPCTimeout.decode(timeout) else {
                finish(stream, error: RPCError(code: .internalError, message: "malformed grpc-timeout '\(timeout)'"))
                return
            }
            deadline = ContinuousClock.now + duration
        }
        guard let handler = router.handlers[path] else {
            let (service, method) = ServerConnectionHandler.split(path)
            let known = router.handlers.keys.contains { $0.hasPrefix("/\(service)/") }
            finish(stream, error: RPCError(code: .unimplemented,
                                           message: known ? "method \(method) of \(service) is not implemented"
                                                          : "service \(service) is not implemented"))
            return
        }
        let context = ServerContext(path: path, requestMetadata: Metadata(receivedHeaders: stream.headers),
                                    deadline: deadline, peer: peer, requestCompression: stream.requestEncoding,
                                    acceptedCompression: CompressionAlgorithm.accepted(by: stream.header("grpc-accept-encoding")))
        if let deadline {
            stream.deadlineTimer = loop.schedule(at: deadline) { [weak self, weak stream] in
                guard let self, let stream, !stream.finished else { return }
                stream.task?.cancel()
                finish(stream, error: RPCError(code: .deadlineExceeded, message: "deadline exceeded"))
            }
        }
        let streamID = stream.id
        let loop = self.loop
        let call = ServerCall(
            requests: stream.requests,
            send: { [weak self, gate = stream.gate] bytes in
                let owner = self
                try await gate.reserve(bytes.count)
                loop.execute { owner?.enqueue(bytes, on: streamID, context: context) }
            },
            sendHeaders: { [weak self] in
                let owner = self
                loop.execute { owner?.sendHeadersIfNeeded(on: streamID, context: context) }
            },
            context: context)
        let executor: (any TaskExecutor)? = configuration.runsHandlersOnEventLoop ? loop.taskExecutor : nil
        stream.task = Task(executorPreference: executor) {
            var failure: RPCError?
            var finalMessage: [UInt8]?
            do {
                finalMessage = try await handler(call)
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
            loop.execute { [weak self] in
                guard let self, let stream = streams[streamID] else { return }
                if let lastMessage { enqueue(lastMessage, on: streamID, context: context) }
                finish(stream, error: outcome, context: context)
            }
        }
    }

    private func enqueue(_ bytes: [UInt8], on streamID: Int32, context: ServerContext) {
        guard let stream = streams[streamID], !stream.finished else { return }
        sendHeadersIfNeeded(on: streamID, context: context)
        stream.outbound.append(bytes)
        connection.resumeData(streamID)
    }

    private func sendHeadersIfNeeded(on streamID: Int32, context: ServerContext) {
        guard let stream = streams[streamID], !stream.finished, !stream.sentHeaders else { return }
        stream.sentHeaders = true
        connection.submitResponse(streamID: streamID, headers: responseHeaders(context), withData: true)
    }

    private func responseHeaders(_ context: ServerContext) -> [(String, String)] {
        var headers = [(":status", "200"), ("content-type", "application/grpc"), ("grpc-accept-encoding", CompressionAlgorithm.acceptHeader)]
        if let compression = context.responseCompression { headers.append(("grpc-encoding", compression.rawValue)) }
        // Handlers' metadata was validated when it was added.
        return headers + ((try? context.responseHeaders.headerFields()) ?? [])
    }

    /// Ends an RPC with a status: trailers after the messages, or a trailers-only response.
    /// `context` is nil for RPCs that end before a handler starts.
    private func finish(_ stream: ServerStream, error: RPCError?, context: ServerContext? = nil,
                        extraTrailers: [(String, String)] = []) {
        guard !stream.finished else { return }
        stream.finished = true
        if let timer = stream.deadlineTimer { loop.cancelTimer(timer) }
        var status: [(String, String)] = [("grpc-status", String((error?.code ?? .ok).rawValue))]
        if let message = error?.message, !message.isEmpty {
            status.append(("grpc-message", PercentEncoding.encode(message)))
        }
        var trailerMetadata = context?.responseTrailers ?? Metadata()
        for entry in error?.metadata ?? Metadata() { trailerMetadata.add(entry.value, forKey: entry.key) }
        status += extraTrailers
        if let details = error?.details, let bytes = try? details.serializedBytes() {
            status.append(("grpc-status-details-bin", Base64.encode(bytes, padded: false)))
        }
        status += (try? trailerMetadata.headerFields()) ?? []
        stream.requests.finish(error ?? RPCError(code: .cancelled, message: "the RPC has finished"))
        stream.gate.fail(RPCError(code: .failedPrecondition, message: "the RPC has finished"))
        if stream.sentHeaders {
            stream.trailers = status
            stream.outbound.isFinished = true
            connection.resumeData(stream.id)
        } else {
            // Trailers-only: one HEADERS frame with END_STREAM.
            let head = context.map(responseHeaders) ?? [(":status", "200"), ("content-type", "application/grpc")]
            connection.submitResponse(streamID: stream.id, headers: head + status, withData: false)
        }
    }

    private func respondHTTP(_ stream: ServerStream, status: String) {
        stream.finished = true
        connection.submitResponse(streamID: stream.id, headers: [(":status", status)], withData: false)
    }

    static func split(_ path: String) -> (service: String, method: String) {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        guard parts.count == 2 else { return (path, "") }
        return (String(parts[0]), String(parts[1]))
    }

    // MARK: Graceful shutdown

    /// Stops new streams (GOAWAY) and lets open ones finish.
    func drain() {
        draining = true
        connection.shutdownNotice()
        if streams.isEmpty { connection.goAway() }
    }

    /// Ends whatever is still open.
    func cancelAll() {
        for stream in streams.values {
            stream.task?.cancel()
            finish(stream, error: RPCError(code: .unavailable, message: "the server is shutting down"))
        }
        connection.goAway()
    }
}

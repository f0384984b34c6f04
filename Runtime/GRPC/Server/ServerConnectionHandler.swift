import SwiftProto
import CNGHTTP2

/// The gRPC server protocol on one HTTP/2 connection: requests in, handlers started as tasks,
/// responses and statuses out; keepalive, ping policing and the connection's lifetime (A8, A9).
/// Loop-confined.
final class ServerConnectionHandler: HTTP2StreamHandler, @unchecked Sendable {
    let connection: HTTP2Connection
    let router: Router
    let configuration: ServerConfiguration
    private(set) var streams: [Int32: ServerStream] = [:]
    private var keepalive: KeepalivePinger?
    private var policing: PingPolicing
    private var lifetime: ConnectionLifetime?
    private var goaway = GoawayStep.none
    private var isReady = false
    /// Sends the final GOAWAY if the PING of a graceful one goes unanswered.
    private var goawayFallback: TimerQueue.ID?
    var onClose: (() -> Void)?

    private enum GoawayStep {
        case none
        /// GOAWAY(2^31-1) and a PING are out: streams already sent are still taken.
        case noticeSent
        /// GOAWAY with the last stream processed is out: only those streams finish.
        case finalSent
    }

    init(connection: HTTP2Connection, router: Router, configuration: ServerConfiguration) {
        self.connection = connection
        self.router = router
        self.configuration = configuration
        policing = PingPolicing(policy: configuration.keepalivePolicy)
        if let keepalive = configuration.keepalive {
            self.keepalive = KeepalivePinger(connection: connection, keepalive: keepalive) { [unowned self] in !streams.isEmpty }
            self.keepalive?.onTimeout = { [unowned self] in self.configuration.report(.keepaliveTimeout, peer: self.connection.peer) }
        }
        lifetime = ConnectionLifetime(configuration: configuration)
    }

    var loop: EventLoop { connection.loop }
    var openStreams: Int { streams.count }
    var isDraining: Bool { goaway != .none }

    // MARK: HTTP2StreamHandler

    func connectionReady() {
        isReady = true
        keepalive?.start()
        lifetime?.start(self)
    }

    func beginHeaders(streamID: Int32) {
        // A second block on a stream is the client's trailers: nothing in it is used.
        guard streams[streamID] == nil else { return }
        let stream = ServerStream(id: streamID, maxMessageSize: configuration.maxReceiveMessageSize, loop: loop)
        stream.connection = connection
        stream.headers.limit = Int(configuration.maxHeaderListSize)
        streams[streamID] = stream
        lifetime?.callsChanged(self)
    }

    func header(streamID: Int32, name: String, value: String) -> Bool {
        guard let stream = streams[streamID], stream.task == nil, !stream.finished else { return true }
        // Over the limit the fields are only counted; starting the RPC answers RESOURCE_EXHAUSTED.
        stream.headers.add(name: name, value: value)
        return true
    }

    func headersComplete(streamID: Int32, endStream: Bool) {
        guard let stream = streams[streamID] else { return }
        if stream.task == nil && !stream.finished {
            start(stream)
        }
        if endStream {
            stream.peerEnded = true
            stream.inbound.finish(nil)
        }
    }

    func data(streamID: Int32, bytes: UnsafeRawBufferPointer) {
        guard let stream = streams[streamID], !stream.finished else {
            connection.consumeStream(streamID, bytes: bytes.count)
            return
        }
        do {
            try stream.receive(bytes)
        } catch {
            finish(stream, error: error as? RPCError ?? RPCError(code: .internalError, message: "\(error)"))
        }
    }

    func endOfStream(streamID: Int32) {
        guard let stream = streams[streamID] else { return }
        if stream.deframer.bufferedCount > 0 {
            finish(stream, error: RPCError(code: .internalError, message: "request stream ended inside a message"))
            return
        }
        stream.peerEnded = true
        stream.inbound.finish(nil)
    }

    func streamClosed(streamID: Int32, errorCode: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID) else { return }
        stream.cancelDeadline()
        stream.detach()
        let cancelled = RPCError(code: .cancelled, message: errorCode == 0 ? "the stream closed" : "the client cancelled the RPC")
        stream.inbound.finish(cancelled)
        stream.gate.fail(cancelled)
        if !stream.finished {
            stream.finished = true
            stream.task?.cancel()
        }
        lifetime?.callsChanged(self)
    }

    func readOutbound(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer) -> OutboundRead {
        guard let stream = streams[streamID] else { return .bytes(0, end: true, trailers: false) }
        let (count, ended) = stream.readOutbound(into: buffer)
        if ended {
            if let trailers = stream.trailers {
                connection.submitTrailers(streamID: streamID, headers: trailers)
            }
            return .bytes(count, end: true, trailers: true)
        }
        return count > 0 ? .bytes(count, end: false, trailers: false) : .deferred
    }

    func pingReceived() {
        guard policing.pingReceived(hasCalls: !streams.isEmpty) else { return }
        configuration.report(.tooManyPings, peer: connection.peer)
        connection.goAway(errorCode: NGHTTP2_ENHANCE_YOUR_CALM.rawValue, debugData: "too_many_pings")
        connection.closeAfterFlush(reason: "the client pinged too often")
    }

    func goawayReceived(lastStreamID: Int32, errorCode: UInt32, debugData: String) {
        configuration.report(.goawayReceived(errorCode: errorCode, debugData: debugData), peer: connection.peer)
    }

    func connectionClosed(reason: String) {
        configuration.report(isReady ? .connectionClosed(reason) : .handshakeFailed(reason), peer: connection.peer)
        let failure = RPCError(code: .unavailable, message: reason)
        for stream in streams.values {
            stream.inbound.finish(failure)
            stream.gate.fail(failure)
            stream.task?.cancel()
            stream.cancelDeadline()
            stream.detach()
        }
        streams.removeAll()
        if let goawayFallback { loop.cancelTimer(goawayFallback) }
        keepalive?.stop()
        lifetime?.stop(on: loop)
        onClose?()
        onClose = nil
    }

    // MARK: Responses

    func enqueue(_ bytes: [UInt8], on streamID: Int32, context: ServerContext) {
        guard let stream = streams[streamID], !stream.finished else { return }
        sendHeadersIfNeeded(on: streamID, context: context)
        policing.dataSent()
        stream.enqueue(bytes)
    }

    func sendHeadersIfNeeded(on streamID: Int32, context: ServerContext) {
        guard let stream = streams[streamID], !stream.finished, !stream.sentHeaders else { return }
        stream.sentHeaders = true
        policing.dataSent()
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
    func finish(_ stream: ServerStream, error: RPCError?, context: ServerContext? = nil,
                extraTrailers: [(String, String)] = []) {
        guard !stream.finished else { return }
        stream.finished = true
        stream.cancelDeadline()
        policing.dataSent()
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
        stream.inbound.finish(error ?? RPCError(code: .cancelled, message: "the RPC has finished"))
        stream.gate.fail(RPCError(code: .failedPrecondition, message: "the RPC has finished"))
        if stream.sentHeaders {
            stream.trailers = status
            stream.finishOutbound()
        } else {
            // Trailers-only: one HEADERS frame with END_STREAM.
            let head = context.map(responseHeaders) ?? [(":status", "200"), ("content-type", "application/grpc")]
            connection.submitResponse(streamID: stream.id, headers: head + status, withData: false)
        }
    }

    func respondHTTP(_ stream: ServerStream, status: String) {
        stream.finished = true
        connection.submitResponse(streamID: stream.id, headers: [(":status", status)], withData: false)
    }

    // MARK: Going away

    /// A graceful GOAWAY in two steps, so no stream in flight is lost: first GOAWAY(2^31-1)
    /// and a PING, then, once the PING is answered (the client has seen the first and sent
    /// what it was sending), the final GOAWAY naming the last stream processed. The
    /// connection closes when those streams are done.
    func goAwayGracefully(debugData: String = "") {
        guard goaway == .none, !connection.isClosed else { return }
        goaway = .noticeSent
        connection.shutdownNotice()
        // nghttp2 sends PINGs ahead of GOAWAYs; written first, the notice precedes the PING
        // on the wire, so its ACK proves the client has read the notice.
        connection.flush()
        // Strong captures: the connection drops the PING's callback when it closes, and the
        // timer is cancelled then.
        connection.ping { self.sendFinalGoaway(debugData: debugData) }
        // A client that never answers the PING gets the final GOAWAY anyway (as gRPC core does).
        goawayFallback = loop.schedule(at: .now + .seconds(20)) { self.sendFinalGoaway(debugData: debugData) }
    }

    private func sendFinalGoaway(debugData: String) {
        guard goaway == .noticeSent else { return }
        goaway = .finalSent
        if let goawayFallback { loop.cancelTimer(goawayFallback) }
        goawayFallback = nil
        connection.goAway(debugData: debugData)
        lifetime?.finalGoawaySent(self)
    }

    /// Ends whatever is still open, at once.
    func cancelAll(reason: String = "the server is shutting down") {
        for stream in streams.values {
            stream.task?.cancel()
            finish(stream, error: RPCError(code: .unavailable, message: reason))
        }
        goaway = .finalSent
        connection.goAway()
    }
}

import SwiftProto
import CNGHTTP2

/// What a client connection tells the manager that made it. Called on the loop thread.
protocol ClientConnectionDelegate: AnyObject {
    /// Bytes flow (after the TLS handshake, if any): calls may start here.
    func connectionReady(_ handler: ClientConnectionHandler)
    /// The server sent GOAWAY: no new calls here. `tooManyPings` when it complained of our
    /// keepalive pings (A8: later connections ping half as often).
    func connectionDraining(_ handler: ClientConnectionHandler, tooManyPings: Bool)
    /// The connection is gone (before it was ready, too: then `reason` says why it failed).
    func connectionClosed(_ handler: ClientConnectionHandler, reason: String)
    /// A stream the server refused without processing it, to be opened on another connection.
    func reopen(_ stream: ClientStream)
    /// Something for the channel's `connectionEvents` (GOAWAY, a keepalive timeout).
    func connectionEvent(_ kind: ConnectionEvent.Kind)
}

/// The gRPC client protocol on one HTTP/2 connection. Loop-confined.
final class ClientConnectionHandler: HTTP2StreamHandler, @unchecked Sendable {
    let connection: HTTP2Connection
    let authority: String
    /// `https` over TLS, else `http`.
    let scheme: String
    let maxHeaderListSize: Int
    weak var delegate: ClientConnectionDelegate?
    private var streams: [Int32: ClientStream] = [:]
    private var keepalive: KeepalivePinger?
    private(set) var isReady = false
    /// The server sent GOAWAY: no new calls here.
    private(set) var isDraining = false
    /// Why the server sent GOAWAY with an error, for the calls that the close then ends.
    private var goawayError: String?

    init(connection: HTTP2Connection, authority: String, secure: Bool, maxHeaderListSize: Int, keepalive: Keepalive?) {
        self.connection = connection
        self.authority = authority
        scheme = secure ? "https" : "http"
        self.maxHeaderListSize = maxHeaderListSize
        if let keepalive {
            self.keepalive = KeepalivePinger(connection: connection, keepalive: keepalive) { [unowned self] in !streams.isEmpty }
            self.keepalive?.onTimeout = { [unowned self] in delegate?.connectionEvent(.keepaliveTimeout) }
        }
    }

    var isUsable: Bool { isReady && !isDraining && !connection.isClosed }

    /// Calls open on the connection now (an idle channel has none).
    var openStreams: Int { streams.count }

    /// Opens the HTTP/2 stream for a call (its deadline is already armed).
    func start(_ stream: ClientStream) {
        guard !stream.finished else { return }
        let request = stream.request
        stream.attempts += 1
        stream.handler = self
        stream.connection = connection
        stream.headers.limit = maxHeaderListSize
        var headers: [(String, String)] = [
            (":method", "POST"), (":scheme", scheme), (":path", request.path), (":authority", authority),
            ("content-type", "application/grpc"), ("te", "trailers"), ("user-agent", "grpc-swift-swiftgrpc/0.1"),
            ("grpc-accept-encoding", CompressionAlgorithm.acceptHeader),
        ]
        if let compression = request.options.compression { headers.append(("grpc-encoding", compression.rawValue)) }
        if let deadline = request.deadline {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                stream.complete(code: .deadlineExceeded, message: "deadline exceeded before the call started", trailers: Metadata(), reset: false)
                return
            }
            headers.append(("grpc-timeout", GRPCTimeout.encode(remaining)))
        }
        do {
            headers += try request.options.metadata.headerFields()
        } catch let error as RPCError {
            stream.complete(code: error.code, message: error.message, trailers: Metadata(), reset: false)
            return
        } catch {}
        let id = connection.submitRequest(headers: headers)
        guard id > 0 else {
            stream.complete(code: .unavailable, message: "cannot open a stream: \(String(cString: nghttp2_strerror(id)))",
                            trailers: Metadata(), reset: false)
            return
        }
        stream.id = id
        streams[id] = stream
        connection.scheduleFlush()
    }

    func streamFinished(_ stream: ClientStream) {
        if stream.id > 0, streams[stream.id] === stream { streams[stream.id] = nil }
    }

    // MARK: HTTP2StreamHandler

    func connectionReady() {
        isReady = true
        keepalive?.start()
        delegate?.connectionReady(self)
    }

    func beginHeaders(streamID: Int32) {
        streams[streamID]?.headers.startBlock()
    }

    func header(streamID: Int32, name: String, value: String) -> Bool {
        streams[streamID]?.headers.add(name: name, value: value)
        return true
    }

    func headersComplete(streamID: Int32, endStream: Bool) {
        guard let stream = streams[streamID], !stream.finished else { return }
        let headers = stream.headers
        guard !headers.isOverLimit else {
            stream.complete(code: .resourceExhausted,
                            message: "response headers of \(headers.size) bytes exceed the limit of \(maxHeaderListSize)",
                            trailers: Metadata(), reset: !endStream)
            return
        }
        if !stream.sawResponseHeaders {
            stream.sawResponseHeaders = true
            // The server has the stream: what was kept for a replay can go.
            if stream.outbound.keepsSentBytes { stream.outbound.dropSent() }
            guard responseHeadersAccepted(headers, on: stream, endStream: endStream) else { return }
            if !endStream { return }
        }
        finish(stream, trailers: headers)
    }

    /// Checks the response headers and hands them to the call; false when the stream ended.
    private func responseHeadersAccepted(_ headers: ReceivedHeaders, on stream: ClientStream, endStream: Bool) -> Bool {
        let status = headers[":status"] ?? ""
        guard status == "200" else {
            stream.complete(code: ClientConnectionHandler.codeForHTTPStatus(status),
                            message: "unexpected HTTP status \(status)", trailers: Metadata(receivedHeaders: headers.fields), reset: !endStream)
            return false
        }
        let contentType = headers["content-type"] ?? ""
        guard contentType.hasPrefix("application/grpc") else {
            stream.complete(code: .unknown, message: "unexpected content-type '\(contentType)'", trailers: Metadata(), reset: !endStream)
            return false
        }
        if endStream { return true }  // trailers-only: the status is in this block
        do {
            stream.inboundEncoding = try CompressionAlgorithm.from(header: headers["grpc-encoding"])
        } catch let error as RPCError {
            stream.complete(code: .internalError, message: error.message, trailers: Metadata(), reset: true)
            return false
        } catch {}
        stream.retry?.committing(stream)
        stream.responseHeaders.fulfil(.success(Metadata(receivedHeaders: headers.fields)))
        return true
    }

    /// Trailers, or a trailers-only response: the call's status.
    private func finish(_ stream: ClientStream, trailers headers: ReceivedHeaders) {
        if stream.deframer.bufferedCount > 0 {
            stream.complete(code: .internalError, message: "response ended inside a message", trailers: Metadata(), reset: false)
            return
        }
        guard let statusText = headers["grpc-status"] else {
            stream.complete(code: .internalError, message: "response ended without grpc-status", trailers: Metadata(), reset: false)
            return
        }
        let message = headers["grpc-message"].map { PercentEncoding.decode($0) } ?? ""
        // A trailers-only response has no headers of its own (a second fulfil is ignored; an
        // attempt of a retried call leaves it to the call, which may try again).
        if stream.retry == nil { stream.responseHeaders.fulfil(.success(Metadata())) }
        let details = headers["grpc-status-details-bin"]
            .flatMap { Base64.decode($0[...]) }
            .flatMap { try? Google_Rpc_Status(serializedBytes: $0) }
        stream.complete(code: StatusCode(wireValue: statusText), message: message, trailers: Metadata(receivedHeaders: headers.fields),
                        reset: false, details: details)
    }

    func data(streamID: Int32, bytes: UnsafeRawBufferPointer) {
        guard let stream = streams[streamID], !stream.finished else {
            connection.consumeStream(streamID, bytes: bytes.count)
            return
        }
        do {
            try stream.receive(bytes)
        } catch {
            let failure = error as? RPCError ?? RPCError(code: .internalError, message: "\(error)")
            stream.complete(code: failure.code, message: failure.message, trailers: Metadata(), reset: true)
        }
    }

    func endOfStream(streamID: Int32) {
        // A response must end with trailers; END_STREAM on DATA leaves the status unknown.
        guard let stream = streams[streamID] else { return }
        stream.complete(code: .internalError, message: "response ended without trailers", trailers: Metadata(), reset: false)
    }

    func streamClosed(streamID: Int32, errorCode: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID), !stream.finished else { return }
        if errorCode == NGHTTP2_REFUSED_STREAM.rawValue && reopenIfReplayable(stream) { return }
        let (code, message) = ClientConnectionHandler.status(forResetCode: errorCode)
        stream.complete(code: code, message: message, trailers: Metadata(), reset: false)
    }

    /// A stream the server never processed may go to another connection (gRPC's transparent
    /// retry): nothing of it reached the application there.
    private func reopenIfReplayable(_ stream: ClientStream) -> Bool {
        if let retry = stream.retry { return retry.refused(stream) }
        guard stream.isReplayable, let delegate else { return false }
        stream.rewind()
        delegate.reopen(stream)
        return true
    }

    func readOutbound(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer) -> OutboundRead {
        guard let stream = streams[streamID], !stream.finished else { return .bytes(0, end: true, trailers: false) }
        let (count, ended) = stream.readOutbound(into: buffer)
        if ended { return .bytes(count, end: true, trailers: false) }
        return count > 0 ? .bytes(count, end: false, trailers: false) : .deferred
    }

    func pingReceived() {}

    func goawayReceived(lastStreamID: Int32, errorCode: UInt32, debugData: String) {
        isDraining = true
        delegate?.connectionEvent(.goawayReceived(errorCode: errorCode, debugData: debugData))
        // A graceful GOAWAY leaves unprocessed streams free to go elsewhere; one with an
        // error says the connection itself was refused, and why.
        let graceful = errorCode == NGHTTP2_NO_ERROR.rawValue
        var reason = graceful ? "the server is going away" : "the server ended the connection with HTTP/2 error \(ClientConnectionHandler.name(ofErrorCode: errorCode))"
        if !debugData.isEmpty { reason += ": \(debugData)" }
        if !graceful { goawayError = reason }
        for (id, stream) in streams where id > lastStreamID {
            streams[id] = nil
            if !(graceful && reopenIfReplayable(stream)) {
                stream.complete(code: .unavailable, message: reason, trailers: Metadata(), reset: false)
            }
        }
        let tooManyPings = errorCode == NGHTTP2_ENHANCE_YOUR_CALM.rawValue && debugData == "too_many_pings"
        delegate?.connectionDraining(self, tooManyPings: tooManyPings)
    }

    func connectionClosed(reason: String) {
        isDraining = true
        keepalive?.stop()
        let message = goawayError ?? "connection lost: \(reason)"
        for stream in Array(streams.values) {
            stream.complete(code: .unavailable, message: message, trailers: Metadata(), reset: false)
        }
        streams.removeAll()
        delegate?.connectionClosed(self, reason: reason)
    }

    // MARK: Mappings from the spec

    static func codeForHTTPStatus(_ status: String) -> StatusCode {
        switch status {
        case "400": return .internalError
        case "401": return .unauthenticated
        case "403": return .permissionDenied
        case "404": return .unimplemented
        case "429", "502", "503", "504": return .unavailable
        default: return .unknown
        }
    }

    static func name(ofErrorCode code: UInt32) -> String {
        switch code {
        case NGHTTP2_PROTOCOL_ERROR.rawValue: return "PROTOCOL_ERROR"
        case NGHTTP2_INTERNAL_ERROR.rawValue: return "INTERNAL_ERROR"
        case NGHTTP2_ENHANCE_YOUR_CALM.rawValue: return "ENHANCE_YOUR_CALM"
        case NGHTTP2_INADEQUATE_SECURITY.rawValue: return "INADEQUATE_SECURITY"
        case NGHTTP2_HTTP_1_1_REQUIRED.rawValue: return "HTTP_1_1_REQUIRED"
        default: return String(code)
        }
    }

    static func status(forResetCode code: UInt32) -> (StatusCode, String) {
        switch code {
        case NGHTTP2_REFUSED_STREAM.rawValue: return (.unavailable, "the server refused the stream")
        case NGHTTP2_CANCEL.rawValue: return (.cancelled, "the server cancelled the stream")
        case NGHTTP2_ENHANCE_YOUR_CALM.rawValue: return (.resourceExhausted, "the server asked us to calm down")
        case NGHTTP2_INADEQUATE_SECURITY.rawValue: return (.permissionDenied, "inadequate security")
        default: return (.internalError, "stream reset with HTTP/2 error \(code)")
        }
    }
}

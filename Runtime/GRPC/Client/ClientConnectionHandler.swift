import CNGHTTP2

/// The gRPC client protocol on one HTTP/2 connection. Loop-confined.
final class ClientConnectionHandler: HTTP2StreamHandler, @unchecked Sendable {
    let connection: HTTP2Connection
    let authority: String
    private var streams: [Int32: ClientStream] = [:]
    /// The server sent GOAWAY: no new calls here.
    private(set) var isDraining = false
    var onClose: (() -> Void)?

    init(connection: HTTP2Connection, authority: String) {
        self.connection = connection
        self.authority = authority
    }

    var isUsable: Bool { !isDraining && !connection.isClosed }

    /// Opens the HTTP/2 stream for a call.
    func start(_ stream: ClientStream, path: String, options: CallOptions, deadline: ContinuousClock.Instant?) {
        stream.handler = self
        var headers: [(String, String)] = [
            (":method", "POST"), (":scheme", "http"), (":path", path), (":authority", authority),
            ("content-type", "application/grpc"), ("te", "trailers"), ("user-agent", "grpc-swift-swiftgrpc/0.1"),
            ("grpc-accept-encoding", CompressionAlgorithm.acceptHeader),
        ]
        if let compression = options.compression { headers.append(("grpc-encoding", compression.rawValue)) }
        if let deadline {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else {
                stream.complete(code: .deadlineExceeded, message: "deadline exceeded before the call started", trailers: Metadata(), reset: false)
                return
            }
            headers.append(("grpc-timeout", GRPCTimeout.encode(remaining)))
            stream.deadlineTimer = connection.loop.schedule(at: deadline) { [weak stream] in
                stream?.complete(code: .deadlineExceeded, message: "deadline exceeded", trailers: Metadata(), reset: true)
            }
        }
        do {
            headers += try options.metadata.headerFields()
        } catch let error as RPCError {
            stream.complete(code: error.code, message: error.message, trailers: Metadata(), reset: false)
            return
        } catch {}
        let id = connection.submitRequest(headers: headers)
        guard id > 0 else {
            stream.complete(code: .unavailable, message: "cannot open a stream: \(id)", trailers: Metadata(), reset: false)
            return
        }
        stream.id = id
        streams[id] = stream
        connection.scheduleFlush()
    }

    func streamFinished(_ stream: ClientStream) {
        if stream.id > 0 { streams[stream.id] = nil }
    }

    // MARK: HTTP2StreamHandler

    func beginHeaders(streamID: Int32) {
        streams[streamID]?.receivedHeaders.removeAll()
    }

    func header(streamID: Int32, name: String, value: String) -> Bool {
        streams[streamID]?.receivedHeaders.append((name, value))
        return true
    }

    func headersComplete(streamID: Int32, endStream: Bool) {
        guard let stream = streams[streamID], !stream.finished else { return }
        let headers = stream.receivedHeaders
        if !stream.sawResponseHeaders {
            stream.sawResponseHeaders = true
            let status = headers.first { $0.0 == ":status" }?.1 ?? ""
            guard status == "200" else {
                stream.complete(code: ClientConnectionHandler.codeForHTTPStatus(status),
                                message: "unexpected HTTP status \(status)", trailers: Metadata(receivedHeaders: headers), reset: !endStream)
                return
            }
            let contentType = headers.first { $0.0 == "content-type" }?.1 ?? ""
            guard contentType.hasPrefix("application/grpc") else {
                stream.complete(code: .unknown, message: "unexpected content-type '\(contentType)'", trailers: Metadata(), reset: !endStream)
                return
            }
            if !endStream {
                do {
                    stream.responseEncoding = try CompressionAlgorithm.from(header: headers.first { $0.0 == "grpc-encoding" }?.1)
                } catch let error as RPCError {
                    stream.complete(code: .internalError, message: error.message, trailers: Metadata(), reset: true)
                    return
                } catch {}
                stream.call?.headers.fulfil(.success(Metadata(receivedHeaders: headers)))
                return
            }
        }
        // Trailers, or a trailers-only response.
        if stream.deframer.bufferedCount > 0 {
            stream.complete(code: .internalError, message: "response ended inside a message", trailers: Metadata(), reset: false)
            return
        }
        guard let statusText = headers.first(where: { $0.0 == "grpc-status" })?.1 else {
            stream.complete(code: .internalError, message: "response ended without grpc-status", trailers: Metadata(), reset: false)
            return
        }
        let message = headers.first { $0.0 == "grpc-message" }.map { PercentEncoding.decode($0.1) } ?? ""
        let trailers = Metadata(receivedHeaders: headers)
        if !stream.sawResponseHeaders || stream.call?.headers.current == nil {
            stream.call?.headers.fulfil(.success(Metadata()))
        }
        let details = headers.first { $0.0 == "grpc-status-details-bin" }
            .flatMap { Base64.decode($0.1[...]) }
            .flatMap { try? Google_Rpc_Status(serializedBytes: $0) }
        stream.complete(code: StatusCode(wireValue: statusText), message: message, trailers: trailers, reset: false, details: details)
    }

    func data(streamID: Int32, bytes: UnsafeRawBufferPointer) {
        guard let stream = streams[streamID], !stream.finished, let call = stream.call else {
            connection.consumeStream(streamID, bytes: bytes.count)
            return
        }
        do {
            try stream.deframer.feed(bytes, encoding: stream.responseEncoding) { call.responses.push($0) }
        } catch let error as RPCError {
            connection.consumeStream(streamID, bytes: bytes.count)
            stream.complete(code: error.code, message: error.message, trailers: Metadata(), reset: true)
            return
        } catch {}
        if call.responses.backlog > 0 {
            stream.heldBytes += bytes.count
            stream.holding.isSet = true
        } else {
            connection.consumeStream(streamID, bytes: bytes.count)
        }
    }

    /// The application took messages; reopen a window held back while it was behind.
    func releaseHeldWindow(_ stream: ClientStream) {
        guard stream.heldBytes > 0, stream.id > 0 else { return }
        connection.consumeStream(stream.id, bytes: stream.heldBytes)
        stream.heldBytes = 0
        stream.holding.isSet = false
    }

    func endOfStream(streamID: Int32) {
        // A response must end with trailers; END_STREAM on DATA leaves the status unknown.
        guard let stream = streams[streamID] else { return }
        stream.complete(code: .internalError, message: "response ended without trailers", trailers: Metadata(), reset: false)
    }

    func streamClosed(streamID: Int32, errorCode: UInt32) {
        guard let stream = streams.removeValue(forKey: streamID), !stream.finished else { return }
        let (code, message) = ClientConnectionHandler.status(forResetCode: errorCode)
        stream.complete(code: code, message: message, trailers: Metadata(), reset: false)
    }

    func readOutbound(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer) -> OutboundRead {
        guard let stream = streams[streamID], !stream.finished else { return .bytes(0, end: true, trailers: false) }
        let count = stream.outbound.read(into: buffer)
        if count > 0 { stream.call?.gate.release(count) }
        if stream.outbound.isEmpty && stream.outbound.isFinished { return .bytes(count, end: true, trailers: false) }
        return count > 0 ? .bytes(count, end: false, trailers: false) : .deferred
    }

    func goawayReceived(lastStreamID: Int32) {
        isDraining = true
        for (id, stream) in streams where id > lastStreamID {
            stream.complete(code: .unavailable, message: "the server is going away", trailers: Metadata(), reset: false)
        }
        onClose?()
        onClose = nil
    }

    func connectionClosed(reason: String) {
        isDraining = true
        for stream in Array(streams.values) {
            stream.complete(code: .unavailable, message: "connection lost: \(reason)", trailers: Metadata(), reset: false)
        }
        streams.removeAll()
        connection.handler = nil
        onClose?()
        onClose = nil
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

import SwiftProto
import CNGHTTP2

/// One HTTP/2 connection over a byte stream, confined to its event loop: bytes in through
/// nghttp2_session_mem_recv, frames out through mem_send gathered into one write.
final class HTTP2Connection: ByteStreamReceiver, Flushable, @unchecked Sendable {
    let loop: EventLoop
    let stream: any ByteStream
    private(set) var session: OpaquePointer?
    /// Strong until the connection closes (close() lets go), so a handler lives as long as its connection.
    var handler: HTTP2StreamHandler?
    /// Frames gathered for one write; kept between flushes for its capacity.
    private var gathered: [UInt8] = []
    private var flushScheduled = false
    /// Bytes can flow (the stream's handshake, if any, is done): nghttp2 may write.
    private(set) var isReady = false
    private(set) var isClosed = false
    /// Set by keepalive: reads then note the time (no clock is read otherwise).
    var tracksReadTime = false
    private(set) var lastRead = ContinuousClock.now
    /// PINGs we sent that await their ACK, by payload.
    private var pendingPings: [UInt64: () -> Void] = [:]
    private var nextPingPayload: UInt64 = 1

    init(stream: any ByteStream, loop: EventLoop, server: Bool, settings: HTTP2Settings) throws {
        self.loop = loop
        self.stream = stream
        var callbacks: OpaquePointer?
        nghttp2_session_callbacks_new(&callbacks)
        defer { nghttp2_session_callbacks_del(callbacks) }
        HTTP2Connection.install(callbacks)
        var option: OpaquePointer?
        nghttp2_option_new(&option)
        defer { nghttp2_option_del(option) }
        nghttp2_option_set_no_auto_window_update(option, 1)
        nghttp2_option_set_peer_max_concurrent_streams(option, 100)
        var session: OpaquePointer?
        let user = Unmanaged.passUnretained(self).toOpaque()
        let status = server
            ? nghttp2_session_server_new2(&session, callbacks, user, option)
            : nghttp2_session_client_new2(&session, callbacks, user, option)
        guard status == 0, let session else {
            throw RPCError(code: .internalError, message: "nghttp2 session: \(String(cString: nghttp2_strerror(status)))")
        }
        self.session = session
        var entries = [
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS.rawValue), value: settings.maxConcurrentStreams),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE.rawValue), value: settings.initialWindowSize),
            nghttp2_settings_entry(settings_id: Int32(NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE.rawValue), value: settings.maxHeaderListSize),
        ]
        if !server { entries.removeFirst() }
        nghttp2_submit_settings(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), &entries, entries.count)
        nghttp2_session_set_local_window_size(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), 0, settings.connectionWindowSize)
    }

    deinit {
        if let session { nghttp2_session_del(session) }
    }

    /// Starts the byte stream; the connection lives while the stream holds it as its receiver.
    func start() throws {
        stream.receiver = self
        try stream.start()
    }

    var peer: PeerIdentity { stream.peer }

    // MARK: Submitting

    func submitRequest(headers: [(String, String)]) -> Int32 {
        guard let session else { return -1 }
        var provider = HTTP2Connection.dataProvider()
        return HeaderBlock.with(headers) { nva, count in
            nghttp2_submit_request(session, nil, nva, count, &provider, nil)
        }
    }

    func submitResponse(streamID: Int32, headers: [(String, String)], withData: Bool) {
        guard let session else { return }
        var provider = HTTP2Connection.dataProvider()
        HeaderBlock.with(headers) { nva, count in
            if withData {
                _ = nghttp2_submit_response(session, streamID, nva, count, &provider)
            } else {
                _ = nghttp2_submit_response(session, streamID, nva, count, nil)
            }
        }
        scheduleFlush()
    }

    func submitTrailers(streamID: Int32, headers: [(String, String)]) {
        guard let session else { return }
        HeaderBlock.with(headers) { nva, count in _ = nghttp2_submit_trailer(session, streamID, nva, count) }
        scheduleFlush()
    }

    func resetStream(_ streamID: Int32, errorCode: UInt32 = NGHTTP2_CANCEL.rawValue) {
        guard let session else { return }
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), streamID, errorCode)
        scheduleFlush()
    }

    func resumeData(_ streamID: Int32) {
        guard let session else { return }
        nghttp2_session_resume_data(session, streamID)
        scheduleFlush()
    }

    /// Returns received DATA bytes to the peer's send window for one stream.
    func consumeStream(_ streamID: Int32, bytes: Int) {
        guard let session, bytes > 0 else { return }
        nghttp2_session_consume_stream(session, streamID, bytes)
        scheduleFlush()
    }

    /// Sends a PING; `acknowledged` runs when its ACK arrives (never, if the connection closes first).
    func ping(_ acknowledged: @escaping () -> Void) {
        guard let session, !isClosed else { return }
        let payload = nextPingPayload
        nextPingPayload += 1
        pendingPings[payload] = acknowledged
        withUnsafeBytes(of: payload) { raw in
            _ = nghttp2_submit_ping(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), raw.baseAddress!.assumingMemoryBound(to: UInt8.self))
        }
        scheduleFlush()
    }

    /// GOAWAY naming the last stream we processed: the peer opens no more streams here.
    func goAway(errorCode: UInt32 = NGHTTP2_NO_ERROR.rawValue, debugData: String = "") {
        guard let session else { return }
        let debug = Array(debugData.utf8)
        debug.withUnsafeBufferPointer { bytes in
            _ = nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
                                      errorCode, bytes.baseAddress, bytes.count)
        }
        scheduleFlush()
    }

    /// The first step of a graceful GOAWAY (last-stream-id 2^31-1): streams the peer has already
    /// sent are still served. Server sessions only.
    func shutdownNotice() {
        guard let session else { return }
        nghttp2_submit_shutdown_notice(session)
        scheduleFlush()
    }

    // MARK: ByteStreamReceiver

    func streamReady() {
        isReady = true
        if tracksReadTime { lastRead = .now }
        handler?.connectionReady()
        scheduleFlush()
    }

    func received(_ bytes: UnsafeRawBufferPointer) {
        guard !isClosed, let session else { return }
        if tracksReadTime { lastRead = .now }
        let consumed = nghttp2_session_mem_recv(session, bytes.baseAddress!.assumingMemoryBound(to: UInt8.self), bytes.count)
        if consumed < 0 {
            var reason = "HTTP/2 protocol error: \(String(cString: nghttp2_strerror(Int32(consumed))))"
            // A TLS record (alert or handshake) where HTTP/2 frames belong: a plaintext client
            // on a TLS port.
            if bytes.count >= 2 && (bytes[0] == 0x15 || bytes[0] == 0x16) && bytes[1] == 0x03 {
                reason += " (the peer speaks TLS: is this a TLS port?)"
            }
            close(reason: reason)
            return
        }
        scheduleFlush()
    }

    func writeQueueDrained() {
        flush()
    }

    func streamClosed(reason: String) {
        closed(reason: reason)
    }

    // MARK: Writing

    func scheduleFlush() {
        guard !isClosed, !flushScheduled else { return }
        flushScheduled = true
        loop.flushLater(self)
    }

    /// Gathers the frames nghttp2 has ready into one buffer and writes it with one call.
    func flush() {
        flushScheduled = false
        guard !isClosed, isReady, let session else { return }
        // A bounded amount per flush, so one busy connection cannot starve the others on its loop.
        for _ in 0..<4 {
            // Nothing more while the stream still holds a full batch: it says when it drains.
            guard stream.queuedBytes < HTTP2Connection.batchLimit else { return }
            gathered.removeAll(keepingCapacity: true)
            while gathered.count < HTTP2Connection.batchLimit {
                var chunk: UnsafePointer<UInt8>?
                let length = nghttp2_session_mem_send(session, &chunk)
                if length < 0 {
                    close(reason: "HTTP/2 send failed: \(String(cString: nghttp2_strerror(Int32(length))))")
                    return
                }
                if length == 0 { break }
                gathered.append(contentsOf: UnsafeBufferPointer(start: chunk, count: length))
            }
            if !gathered.isEmpty { gathered.withUnsafeBytes { stream.write($0) } }
            if isClosed { return }
            if nghttp2_session_want_write(session) == 0 {
                if nghttp2_session_want_read(session) == 0 {
                    stream.closeWhenWritten()
                    closed(reason: "connection finished")
                }
                return
            }
        }
        // More to write and the stream took everything: carry on in the next loop iteration.
        if stream.queuedBytes == 0 {
            loop.execute { [self] in scheduleFlush() }
        }
    }

    private static let batchLimit = 1 << 20

    func close(reason: String) {
        guard !isClosed else { return }
        stream.close()
        closed(reason: reason)
    }

    /// Writes what nghttp2 has (a GOAWAY that says why), then closes.
    func closeAfterFlush(reason: String) {
        guard !isClosed else { return }
        flush()
        guard !isClosed else { return }
        stream.closeWhenWritten()
        closed(reason: reason)
    }

    private func closed(reason: String) {
        guard !isClosed else { return }
        isClosed = true
        pendingPings.removeAll()
        let handler = self.handler
        self.handler = nil
        handler?.connectionClosed(reason: reason)
    }

    fileprivate func pingAcknowledged(_ payload: UInt64) {
        pendingPings.removeValue(forKey: payload)?()
    }

    // MARK: nghttp2 callbacks

    private static func connection(_ user: UnsafeMutableRawPointer?) -> HTTP2Connection {
        Unmanaged<HTTP2Connection>.fromOpaque(user!).takeUnretainedValue()
    }

    private static func string(_ pointer: UnsafePointer<UInt8>?, _ length: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: pointer, count: length), as: UTF8.self)
    }

    private static func dataProvider() -> nghttp2_data_provider {
        var provider = nghttp2_data_provider()
        provider.read_callback = { _, streamID, buffer, length, flags, _, user in
            let connection = HTTP2Connection.connection(user)
            guard let handler = connection.handler else { return ssize_t(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) }
            switch handler.readOutbound(streamID: streamID, into: UnsafeMutableRawBufferPointer(start: buffer, count: length)) {
            case .deferred:
                return ssize_t(NGHTTP2_ERR_DEFERRED.rawValue)
            case .bytes(let count, let end, let trailers):
                if end {
                    flags!.pointee |= NGHTTP2_DATA_FLAG_EOF.rawValue
                    if trailers { flags!.pointee |= NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue }
                }
                return count
            }
        }
        return provider
    }

    private static func install(_ callbacks: OpaquePointer?) {
        nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks) { _, frame, user in
            let type = swiftgrpc_frame_type(frame)
            if type == UInt8(NGHTTP2_HEADERS.rawValue) {
                HTTP2Connection.connection(user).handler?.beginHeaders(streamID: swiftgrpc_frame_stream_id(frame))
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_header_callback(callbacks) { _, frame, name, nameLength, value, valueLength, _, user in
            let accepted = HTTP2Connection.connection(user).handler?.header(
                streamID: swiftgrpc_frame_stream_id(frame), name: HTTP2Connection.string(name, nameLength), value: HTTP2Connection.string(value, valueLength))
            return accepted == false ? Int32(NGHTTP2_ERR_TEMPORAL_CALLBACK_FAILURE.rawValue) : 0
        }
        nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks) { _, frame, user in
            let handler = HTTP2Connection.connection(user).handler
            let streamID = swiftgrpc_frame_stream_id(frame)
            let endStream = swiftgrpc_frame_flags(frame) & UInt8(NGHTTP2_FLAG_END_STREAM.rawValue) != 0
            switch UInt32(swiftgrpc_frame_type(frame)) {
            case NGHTTP2_HEADERS.rawValue:
                handler?.headersComplete(streamID: streamID, endStream: endStream)
            case NGHTTP2_DATA.rawValue:
                if endStream { handler?.endOfStream(streamID: streamID) }
            case NGHTTP2_GOAWAY.rawValue:
                let debug = HTTP2Connection.string(swiftgrpc_frame_goaway_debug_data(frame), swiftgrpc_frame_goaway_debug_data_length(frame))
                handler?.goawayReceived(lastStreamID: swiftgrpc_frame_goaway_last_stream_id(frame),
                                        errorCode: swiftgrpc_frame_goaway_error_code(frame), debugData: debug)
            case NGHTTP2_PING.rawValue:
                if swiftgrpc_frame_flags(frame) & UInt8(NGHTTP2_FLAG_ACK.rawValue) != 0 {
                    HTTP2Connection.connection(user).pingAcknowledged(swiftgrpc_frame_ping_payload(frame))
                } else {
                    handler?.pingReceived()
                }
            default:
                break
            }
            return 0
        }
        nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks) { session, _, streamID, data, length, user in
            // The connection window reopens at once; the stream's only as the application reads.
            nghttp2_session_consume_connection(session, length)
            HTTP2Connection.connection(user).handler?.data(streamID: streamID, bytes: UnsafeRawBufferPointer(start: data, count: length))
            return 0
        }
        nghttp2_session_callbacks_set_on_stream_close_callback(callbacks) { _, streamID, errorCode, user in
            HTTP2Connection.connection(user).handler?.streamClosed(streamID: streamID, errorCode: errorCode)
            return 0
        }
    }
}

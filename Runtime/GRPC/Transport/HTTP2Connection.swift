import SwiftProto
import CNGHTTP2
#if canImport(Glibc)
import Glibc
#endif

/// What the gRPC layer above a connection hears about its streams. Called on the loop thread.
protocol HTTP2StreamHandler: AnyObject {
    /// A HEADERS frame begins on `streamID` (for a server: a new request).
    func beginHeaders(streamID: Int32)
    /// One header field; return false to reset the stream (for instance, the list is too large).
    func header(streamID: Int32, name: String, value: String) -> Bool
    /// A header block is complete; `endStream` when it also ends the peer's side.
    func headersComplete(streamID: Int32, endStream: Bool)
    func data(streamID: Int32, bytes: UnsafeRawBufferPointer)
    /// The peer ended its side with a DATA frame.
    func endOfStream(streamID: Int32)
    /// The stream is closed; errorCode 0 for a clean close, else the RST_STREAM or GOAWAY code.
    func streamClosed(streamID: Int32, errorCode: UInt32)
    /// Fill `buffer` with outbound DATA for `streamID`.
    func readOutbound(streamID: Int32, into buffer: UnsafeMutableRawBufferPointer) -> OutboundRead
    func goawayReceived(lastStreamID: Int32)
    /// The connection is gone; every stream still open has failed.
    func connectionClosed(reason: String)
}

enum OutboundRead {
    /// Bytes copied; `end` when the application's side is finished; `trailers` when it ends
    /// with trailers rather than END_STREAM on DATA.
    case bytes(Int, end: Bool, trailers: Bool)
    /// Nothing to send now; `resumeData` will be called when there is.
    case deferred
}

/// Settings a connection announces and enforces.
struct HTTP2Settings {
    var maxConcurrentStreams: UInt32 = 100
    var initialWindowSize: UInt32 = 1 << 20
    var connectionWindowSize: Int32 = 8 << 20
    var maxHeaderListSize: UInt32 = 16 << 10
}

/// One HTTP/2 connection over a non-blocking socket, confined to its event loop: bytes in
/// through nghttp2_session_mem_recv, frames out through mem_send gathered into one write.
final class HTTP2Connection: IOHandler, Flushable {
    let loop: EventLoop
    let fd: Int32
    private(set) var session: OpaquePointer?
    /// Strong until the connection closes (close() lets go), so a handler lives as long as its connection.
    var handler: HTTP2StreamHandler?
    private var pendingWrite: [UInt8] = []
    private var pendingWriteOffset = 0
    private var wantsWritable = false
    private var flushScheduled = false
    private(set) var isClosed = false
    private var readBuffer = [UInt8](repeating: 0, count: 65536)

    init(loop: EventLoop, fd: Int32, server: Bool, settings: HTTP2Settings) throws {
        self.loop = loop
        self.fd = fd
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

    /// Starts reading; the connection stays alive while registered with its loop.
    func start() throws {
        try loop.register(fd, self)
        scheduleFlush()
    }

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

    /// A graceful GOAWAY: no new streams after the last one processed.
    func goAway() {
        guard let session else { return }
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session),
                              NGHTTP2_NO_ERROR.rawValue, nil, 0)
        scheduleFlush()
    }

    func shutdownNotice() {
        guard let session else { return }
        nghttp2_submit_shutdown_notice(session)
        scheduleFlush()
    }

    // MARK: I/O

    func readable() {
        guard !isClosed else { return }
        while true {
            let count = readBuffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                let consumed = readBuffer.withUnsafeBytes { raw in
                    nghttp2_session_mem_recv(session, raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count)
                }
                if consumed < 0 {
                    close(reason: "HTTP/2 protocol error: \(String(cString: nghttp2_strerror(Int32(consumed))))")
                    return
                }
                if count < readBuffer.count { break }
            } else if count == 0 {
                close(reason: "connection closed by peer")
                return
            } else {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                close(reason: "read failed: \(String(cString: strerror(errno)))")
                return
            }
        }
        scheduleFlush()
    }

    func writable() {
        guard !isClosed else { return }
        flush()
    }

    func scheduleFlush() {
        guard !isClosed, !flushScheduled else { return }
        flushScheduled = true
        loop.flushLater(self)
    }

    /// Gathers every frame nghttp2 has ready into one buffer and writes it with one syscall.
    func flush() {
        flushScheduled = false
        guard !isClosed, let session else { return }
        if pendingWriteOffset == pendingWrite.count {
            pendingWrite.removeAll(keepingCapacity: true)
            pendingWriteOffset = 0
        }
        // Stop gathering above 1 MiB so a fast producer cannot grow the buffer without bound.
        while pendingWrite.count - pendingWriteOffset < 1 << 20 {
            var chunk: UnsafePointer<UInt8>?
            let length = nghttp2_session_mem_send(session, &chunk)
            if length < 0 {
                close(reason: "HTTP/2 send failed: \(String(cString: nghttp2_strerror(Int32(length))))")
                return
            }
            if length == 0 { break }
            pendingWrite.append(contentsOf: UnsafeBufferPointer(start: chunk, count: length))
        }
        while pendingWriteOffset < pendingWrite.count {
            let written = pendingWrite.withUnsafeBytes { raw in
                // send with MSG_NOSIGNAL: a peer that has gone must not kill us with SIGPIPE.
                send(fd, raw.baseAddress! + pendingWriteOffset, raw.count - pendingWriteOffset, Int32(MSG_NOSIGNAL))
            }
            if written > 0 {
                pendingWriteOffset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else if written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) {
                break
            } else {
                close(reason: "write failed: \(String(cString: strerror(errno)))")
                return
            }
        }
        let blocked = pendingWriteOffset < pendingWrite.count || nghttp2_session_want_write(session) != 0
        if blocked != wantsWritable {
            wantsWritable = blocked
            loop.setWritableInterest(fd, blocked)
        }
        if nghttp2_session_want_read(session) == 0 && nghttp2_session_want_write(session) == 0
            && pendingWriteOffset == pendingWrite.count {
            close(reason: "connection finished")
        }
    }

    func close(reason: String) {
        guard !isClosed else { return }
        isClosed = true
        loop.unregister(fd)
        Glibc.close(fd)
        let handler = self.handler
        self.handler = nil
        handler?.connectionClosed(reason: reason)
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
                handler?.goawayReceived(lastStreamID: swiftgrpc_frame_goaway_last_stream_id(frame))
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

/// nghttp2's header array over one contiguous copy of the names and values.
enum HeaderBlock {
    static func with<R>(_ headers: [(String, String)], _ body: (UnsafePointer<nghttp2_nv>, Int) -> R) -> R {
        var storage: [UInt8] = []
        var ranges: [(Int, Int, Int, Int)] = []
        for (name, value) in headers {
            let nameStart = storage.count
            storage += name.utf8
            let valueStart = storage.count
            storage += value.utf8
            ranges.append((nameStart, valueStart - nameStart, valueStart, storage.count - valueStart))
        }
        return storage.withUnsafeMutableBufferPointer { bytes in
            let base = bytes.baseAddress ?? UnsafeMutablePointer(bitPattern: 1)!
            let nva = ranges.map { range in
                nghttp2_nv(name: base + range.0, value: base + range.2, namelen: range.1, valuelen: range.3,
                           flags: UInt8(NGHTTP2_NV_FLAG_NONE.rawValue))
            }
            return nva.withUnsafeBufferPointer { body($0.baseAddress!, $0.count) }
        }
    }
}

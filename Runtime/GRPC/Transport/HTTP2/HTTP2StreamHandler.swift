/// What the gRPC layer above a connection hears about its streams. Called on the loop thread.
protocol HTTP2StreamHandler: AnyObject {
    /// Bytes can flow: the byte stream is up (for TLS, its handshake is done).
    func connectionReady()
    /// A HEADERS frame begins on `streamID` (for a server: a new request).
    func beginHeaders(streamID: Int32)
    /// One header field; return false to reset the stream.
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
    /// The peer sent a PING (not an acknowledgement; nghttp2 answers it).
    func pingReceived()
    func goawayReceived(lastStreamID: Int32, errorCode: UInt32, debugData: String)
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

/// An ordered, reliable byte pipe to one peer, under an HTTP/2 session: a socket, TLS over
/// another stream, or an in-process pipe. Loop-confined: it is used and reports to its
/// receiver on its event loop's thread only.
protocol ByteStream: AnyObject {
    /// Receives the stream's events; set before `start`. Strong, so a receiver lives as long
    /// as the stream delivers to it; `close` lets go.
    var receiver: (any ByteStreamReceiver)? { get set }
    /// Who is at the other end.
    var peer: PeerIdentity { get }
    /// Begins delivering events: `streamReady` once bytes can flow (at once for a socket,
    /// after the handshake for TLS), then `received` as bytes arrive.
    func start() throws
    /// Sends `bytes`: what the kernel takes now, the rest queued in the stream.
    func write(_ bytes: UnsafeRawBufferPointer)
    /// Bytes accepted by `write` that have not reached the kernel yet.
    var queuedBytes: Int { get }
    /// Closes at once; no event follows.
    func close()
    /// Closes once the queued bytes are written (a last GOAWAY, say); no event follows, and
    /// what the peer still sends is read and dropped.
    func closeWhenWritten()
    /// Closes a connection the server will not serve, at once; the peer learns `reason` where
    /// the stream can carry it (in process), else only that it closed.
    func refuse(reason: String)
}

extension ByteStream {
    /// A socket can say nothing but close.
    func refuse(reason: String) { close() }
}

/// What a byte stream tells the layer above it. Called on the loop thread.
protocol ByteStreamReceiver: AnyObject {
    /// Bytes can flow both ways.
    func streamReady()
    func received(_ bytes: UnsafeRawBufferPointer)
    /// Every queued byte has reached the kernel: the writer may produce more.
    func writeQueueDrained()
    /// The stream ended (the peer closed it, an error, a failed handshake); `reason` says why.
    func streamClosed(reason: String)
}

/// The far end of a connection: its address and, over TLS, what it proved about itself.
public struct PeerIdentity: Sendable, CustomStringConvertible {
    /// `127.0.0.1:52114`, `[::1]:52114` or `unix:/tmp/s.sock`; in-process, the server's
    /// `inprocess:NAME` to a client, and `inprocess:NAME#N` (N numbering connections) to a server.
    public let address: String
    /// The TLS session, when the connection is secured.
    public internal(set) var tls: TLSSessionInfo?

    /// The address.
    public var description: String { address }
}

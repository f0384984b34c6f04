import SwiftProto
import Synchronization

/// What a handler knows about its RPC, and the metadata it sends back.
public final class ServerContext: Sendable {
    /// The full method path, `/package.Service/Method`.
    public let path: String
    /// Custom metadata from the request headers, as the server's interceptors left it.
    public var requestMetadata: Metadata { metadata.withLock { $0 } }
    /// When the client gives up (from `grpc-timeout`), if it set a deadline.
    public let deadline: ContinuousClock.Instant?
    /// The client's address, e.g. `127.0.0.1:52114` or `unix:/tmp/s.sock`; for a client in
    /// this process `inprocess:NAME#N`, N numbering its connection.
    public let peer: String
    /// The connection's TLS session (version, cipher, and with mTLS the client's verified
    /// certificate, for authorization); nil over plaintext.
    public let tls: TLSSessionInfo?

    /// The compression of the request messages (`grpc-encoding`), if any.
    public let requestCompression: CompressionAlgorithm?
    /// What the client accepts for responses (`grpc-accept-encoding`).
    public let acceptedCompression: Set<CompressionAlgorithm>

    private struct ResponseState {
        var headers = Metadata()
        var trailers = Metadata()
        var compression: CompressionAlgorithm?
        var requestWasCompressed = false
    }

    private let response = Mutex(ResponseState())
    /// Behind a lock only because interceptors may replace it, before the handler runs.
    private let metadata: Mutex<Metadata>

    init(path: String, requestMetadata: Metadata, deadline: ContinuousClock.Instant?, peer: PeerIdentity,
         requestCompression: CompressionAlgorithm? = nil, acceptedCompression: Set<CompressionAlgorithm> = []) {
        self.path = path
        metadata = Mutex(requestMetadata)
        self.deadline = deadline
        self.peer = peer.address
        tls = peer.tls
        self.requestCompression = requestCompression
        self.acceptedCompression = acceptedCompression
    }

    /// Compresses the response messages with `algorithm` (set it before the first write).
    /// Throws FAILED_PRECONDITION when the client has not said it accepts that algorithm.
    public func setResponseCompression(_ algorithm: CompressionAlgorithm?) throws {
        if let algorithm, !acceptedCompression.contains(algorithm) {
            throw RPCError(code: .failedPrecondition, message: "the client does not accept \(algorithm.rawValue)")
        }
        response.withLock { $0.compression = algorithm }
    }

    /// The algorithm response messages are compressed with, as set by
    /// ``setResponseCompression(_:)``; nil sends them uncompressed.
    public var responseCompression: CompressionAlgorithm? { response.withLock { $0.compression } }

    /// For unary and server-streaming methods: whether the request message travelled compressed.
    public var requestWasCompressed: Bool { response.withLock { $0.requestWasCompressed } }

    func noteRequest(compressed: Bool) {
        response.withLock { $0.requestWasCompressed = compressed }
    }

    /// Adds metadata to the response headers; has effect until the first response message is
    /// written. Throws INTERNAL for a key gRPC reserves or HTTP/2 cannot carry.
    public func addResponseHeader(_ value: Metadata.Value, forKey key: String) throws {
        try Metadata.validate(key: key.lowercased(), value: value)
        response.withLock { $0.headers.add(value, forKey: key) }
    }

    /// Adds metadata to the trailers sent with the status; throws as `addResponseHeader` does.
    public func addTrailer(_ value: Metadata.Value, forKey key: String) throws {
        try Metadata.validate(key: key.lowercased(), value: value)
        response.withLock { $0.trailers.add(value, forKey: key) }
    }

    /// The response headers added so far (by the handler and interceptors).
    public var responseHeaders: Metadata { response.withLock { $0.headers } }
    /// The trailers added so far; once the handler has returned, those the status goes with
    /// (and, when it ends with an RPCError, that error's `metadata`).
    public var responseTrailers: Metadata { response.withLock { $0.trailers } }

    /// Interceptors' request metadata, for the handler.
    func replaceRequestMetadata(_ metadata: Metadata) {
        self.metadata.withLock { $0 = metadata }
    }
}

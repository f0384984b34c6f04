/// The four kinds of RPC, by how many messages go each way.
public enum CallKind: Sendable, Hashable, CustomStringConvertible {
    /// One request, one response.
    case unary
    /// One request, a stream of responses.
    case serverStreaming
    /// A stream of requests, one response.
    case clientStreaming
    /// Streams both ways, in any order.
    case bidirectionalStreaming

    /// `unary`, `server_streaming`, `client_streaming` or `bidi_streaming`, as grpc's own
    /// libraries and OpenTelemetry attributes spell them.
    public var description: String {
        switch self {
        case .unary: return "unary"
        case .serverStreaming: return "server_streaming"
        case .clientStreaming: return "client_streaming"
        case .bidirectionalStreaming: return "bidi_streaming"
        }
    }
}

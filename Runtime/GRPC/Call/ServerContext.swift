import SwiftProto
import Synchronization

/// What a handler knows about its RPC, and the metadata it sends back.
public final class ServerContext: Sendable {
    /// The full method path, `/package.Service/Method`.
    public let path: String
    /// Custom metadata from the request headers.
    public let requestMetadata: Metadata
    /// When the client gives up (from `grpc-timeout`), if it set a deadline.
    public let deadline: ContinuousClock.Instant?
    /// The client's address, e.g. `127.0.0.1:52114` or `unix:/tmp/s.sock`.
    public let peer: String

    private let response = Mutex<(headers: Metadata, trailers: Metadata)>((Metadata(), Metadata()))

    init(path: String, requestMetadata: Metadata, deadline: ContinuousClock.Instant?, peer: String) {
        self.path = path
        self.requestMetadata = requestMetadata
        self.deadline = deadline
        self.peer = peer
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

    var responseHeaders: Metadata { response.withLock { $0.headers } }
    var responseTrailers: Metadata { response.withLock { $0.trailers } }
}

/// The request messages of a client- or bidirectional-streaming RPC (or a server-streaming
/// response on the client), decoded as they are read.
public struct MessageStream<Element: Message>: AsyncSequence, Sendable {
    let queue: MessageQueue

    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: MessageQueue

        public mutating func next() async throws -> Element? {
            guard let bytes = try await queue.next() else { return nil }
            do {
                return try Element(serializedBytes: bytes)
            } catch {
                let failure = RPCError(code: .internalError, message: "cannot decode \(Element.protoMessageName): \(error)")
                queue.finish(failure)
                throw failure
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: queue) }
}

/// Writes messages to the other side of an RPC; `write` waits while too much is in flight.
public struct MessageWriter<Element: Message>: Sendable {
    let send: @Sendable ([UInt8]) async throws -> Void

    public func write(_ message: Element) async throws {
        try await send(try MessageFramer.frame(message))
    }

    public func write<S: Sequence>(contentsOf messages: S) async throws where S.Element == Element {
        for message in messages { try await write(message) }
    }
}

/// The request stream type handlers see.
public typealias RequestStream<M: Message> = MessageStream<M>
/// The response writer type handlers see.
public typealias ResponseWriter<M: Message> = MessageWriter<M>

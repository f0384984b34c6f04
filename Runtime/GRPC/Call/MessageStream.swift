import SwiftProto

/// The request messages of a client- or bidirectional-streaming RPC (or a server-streaming
/// response on the client), decoded as they are read.
public struct MessageStream<Element: Message>: AsyncSequence, Sendable {
    let queue: MessageQueue

    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: MessageQueue

        /// Whether the message `next()` returned last travelled compressed.
        public private(set) var lastMessageWasCompressed = false

        public mutating func next() async throws -> Element? {
            guard let received = try await queue.next() else { return nil }
            lastMessageWasCompressed = received.compressed
            do {
                return try Element(serializedBytes: received.bytes)
            } catch {
                let failure = RPCError(code: .internalError, message: "cannot decode \(Element.protoMessageName): \(error)")
                queue.finish(failure)
                throw failure
            }
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: queue) }
}

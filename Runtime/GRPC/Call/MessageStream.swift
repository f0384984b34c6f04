import SwiftProto

/// The request messages of a client- or bidirectional-streaming RPC (or a server-streaming
/// response on the client), decoded as they are read.
public struct MessageStream<Element: Message>: AsyncSequence, Sendable {
    let queue: MessageQueue
    /// Interceptors' observers, shown each message before the reader gets it.
    var observers: [MessageObserver] = []

    /// Reads the messages one at a time; a message that does not decode ends the stream with
    /// INTERNAL.
    public struct AsyncIterator: AsyncIteratorProtocol {
        let queue: MessageQueue
        let observers: [MessageObserver]

        /// Whether the message `next()` returned last travelled compressed.
        public private(set) var lastMessageWasCompressed = false

        /// The next message, waiting for it; nil once the peer has sent its last one.
        ///
        /// - Throws: ``RPCError`` when the RPC ends abnormally first (CANCELLED when the reading task
        ///   is cancelled or the peer cancels, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED for a message
        ///   over the size limit, INTERNAL for one that does not decode).
        public mutating func next() async throws -> Element? {
            guard let received = try await queue.next() else { return nil }
            lastMessageWasCompressed = received.compressed
            let message: Element
            do {
                message = try Element(serializedBytes: received.bytes)
            } catch {
                let failure = RPCError(code: .internalError, message: "cannot decode \(Element.protoMessageName): \(error)")
                queue.finish(failure)
                throw failure
            }
            if !observers.isEmpty {
                do {
                    try await ObservedMessage(message: message, serializedSize: received.bytes.count, compressed: received.compressed)
                        .show(to: observers)
                } catch {
                    let failure = RPCError(observerFailure: error)
                    queue.finish(failure)
                    throw failure
                }
            }
            return message
        }
    }

    /// An iterator over the messages. The stream is single-pass: messages one iterator has
    /// read are gone for every other.
    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(queue: queue, observers: observers) }
}

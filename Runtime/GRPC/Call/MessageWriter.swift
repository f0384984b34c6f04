import SwiftProto

/// Writes messages to the other side of an RPC; `write` waits while too much is in flight.
public struct MessageWriter<Element: Message>: Sendable {
    let send: @Sendable ([UInt8]) async throws -> Void
    /// The call's compression, if any; read per write because a handler may set it late.
    let compression: @Sendable () -> CompressionAlgorithm?
    /// Interceptors' observers, shown each message before it is sent.
    var observers: [MessageObserver] = []

    /// Sends one message, compressed when the call has a compression algorithm and `compress`
    /// is true (turn it off for a message that compresses badly).
    public func write(_ message: Element, compress: Bool = true) async throws {
        let compression = compress ? compression() : nil
        guard !observers.isEmpty else {
            return try await send(try MessageFramer.frame(message, compression: compression))
        }
        var size = 0
        let frame = try MessageFramer.frame(message, compression: compression, serializedSize: &size)
        try await ObservedMessage(message: message, serializedSize: size, compressed: compression != nil).show(to: observers)
        try await send(frame)
    }

    /// Sends each message in order, as ``write(_:compress:)`` would.
    public func write<S: Sequence>(contentsOf messages: S) async throws where S.Element == Element {
        for message in messages { try await write(message) }
    }
}

/// The request stream type handlers see.
public typealias RequestStream<M: Message> = MessageStream<M>
/// The response writer type handlers see.
public typealias ResponseWriter<M: Message> = MessageWriter<M>

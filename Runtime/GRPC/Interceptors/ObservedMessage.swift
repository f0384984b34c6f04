import SwiftProto

/// A message passing an interceptor's observer: a request or response as the application
/// wrote it or will read it, with the sizes that metrics and traces record.
public struct ObservedMessage: Sendable {
    /// The message; cast it to the method's type to read it (`message as? Helloworld_HelloRequest`).
    public let message: any Message
    /// The size of its protobuf encoding in bytes, before compression (OpenTelemetry's
    /// `rpc.*.request.size` and `rpc.*.response.size`).
    public let serializedSize: Int
    /// Whether it travels (or travelled) compressed on the wire.
    public let compressed: Bool

    /// A message of `serializedSize` encoded bytes.
    public init(message: any Message, serializedSize: Int, compressed: Bool) {
        self.message = message
        self.serializedSize = serializedSize
        self.compressed = compressed
    }
}

/// Observes one message of a call; throwing an RPCError ends the call with it.
typealias MessageObserver = @Sendable (ObservedMessage) async throws -> Void

extension ObservedMessage {
    /// Shows the message to `observers` in order, stopping at the first that throws.
    func show(to observers: [MessageObserver]) async throws {
        for observer in observers { try await observer(self) }
    }
}

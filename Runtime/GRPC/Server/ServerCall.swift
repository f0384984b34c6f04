import SwiftProto

/// One RPC as a handler sees it: its request stream, a way to send response bytes, its context.
struct ServerCall: Sendable {
    let requests: MessageQueue
    let send: @Sendable ([UInt8]) async throws -> Void
    /// Sends the response headers now, if they have not gone yet.
    let sendHeaders: @Sendable () -> Void
    let context: ServerContext

    var compression: @Sendable () -> CompressionAlgorithm? {
        { [context] in context.responseCompression }
    }
}

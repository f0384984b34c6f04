import SwiftProto

/// One RPC as a handler sees it: its request stream, a way to send response bytes, its context.
struct ServerCall: Sendable {
    let requests: MessageQueue
    let send: @Sendable ([UInt8]) async throws -> Void
    /// Sends the response headers now, if they have not gone yet.
    let sendHeaders: @Sendable () -> Void
    let context: ServerContext
    /// Interceptors' observers (ServerInterceptorChain sets them; none without interceptors).
    var requestObservers: [MessageObserver] = []
    var responseObservers: [MessageObserver] = []

    var compression: @Sendable () -> CompressionAlgorithm? {
        { [context] in context.responseCompression }
    }

    /// The request messages, as the handler reads them.
    func requestStream<Request: Message>(of type: Request.Type = Request.self) -> MessageStream<Request> {
        MessageStream(queue: requests, observers: requestObservers)
    }

    /// Where the handler writes its responses.
    func responseWriter<Response: Message>(of type: Response.Type = Response.self) -> MessageWriter<Response> {
        MessageWriter(send: send, compression: compression, observers: responseObservers)
    }
}

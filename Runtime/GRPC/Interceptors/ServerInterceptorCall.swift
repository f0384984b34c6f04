/// A server RPC as an interceptor sees it: the method, the context the handler will get, the
/// request metadata, and the observers interceptors register for its messages.
public struct ServerInterceptorCall: Sendable {
    /// The method called: path, service, method name, call kind.
    public let method: MethodDescriptor
    /// The handler's context: peer, TLS session, deadline; response headers and trailers added
    /// here go out as the handler's do.
    public let context: ServerContext
    /// The request metadata: what is passed to `next` is what later interceptors and the
    /// handler (`context.requestMetadata`) see.
    public var metadata: Metadata

    private(set) var requestObservers: [MessageObserver] = []
    private(set) var responseObservers: [MessageObserver] = []

    init(method: MethodDescriptor, context: ServerContext) {
        self.method = method
        self.context = context
        metadata = context.requestMetadata
    }

    /// Observes each request message before the handler reads it (interceptors in their
    /// order). Throwing an ``RPCError`` fails the handler's read with it, which (rethrown, as
    /// handlers do) ends the call.
    public mutating func onRequest(_ observe: @escaping @Sendable (ObservedMessage) async throws -> Void) {
        requestObservers.append(observe)
    }

    /// Observes each response message before it is sent (interceptors in reverse order, the
    /// innermost first). Throwing an ``RPCError`` fails the handler's write with it (a unary
    /// or client-streaming response: the call) and the message is not sent.
    public mutating func onResponse(_ observe: @escaping @Sendable (ObservedMessage) async throws -> Void) {
        responseObservers.append(observe)
    }
}

/// A client call as an interceptor sees it before it starts: what it calls, with which
/// options, and the observers interceptors register for its messages and its end.
public struct ClientInterceptorCall: Sendable {
    /// The method called: path, service, method name, call kind.
    public let method: MethodDescriptor
    /// The server the channel connects to (OpenTelemetry's `server.address`, `server.port`).
    public let target: SocketTarget
    /// The call's options as they stand: interceptors after this one, and the call, see the
    /// changes (a later timeout, added metadata, compression).
    public var options: CallOptions

    private(set) var requestObservers: [MessageObserver] = []
    private(set) var responseObservers: [MessageObserver] = []
    private(set) var finishObservers: [FinishObserver] = []

    init(method: MethodDescriptor, target: SocketTarget, options: CallOptions) {
        self.method = method
        self.target = target
        self.options = options
    }

    /// The request metadata, `options.metadata`: what is here when the call starts is sent.
    public var metadata: Metadata {
        get { options.metadata }
        set { options.metadata = newValue }
    }

    /// Observes each request message before it is sent (in the writer's task; interceptors
    /// in their order). Throwing an ``RPCError`` ends the call with it: the message is not
    /// sent, the server sees the call cancelled, and the writer gets the error.
    public mutating func onRequest(_ observe: @escaping @Sendable (ObservedMessage) async throws -> Void) {
        requestObservers.append(observe)
    }

    /// Observes each response message before the application reads it (in the reader's task;
    /// interceptors in reverse order, the innermost first). Throwing an ``RPCError`` ends the
    /// call with it, and the reader gets the error.
    public mutating func onResponse(_ observe: @escaping @Sendable (ObservedMessage) async throws -> Void) {
        responseObservers.append(observe)
    }

    /// Runs once when the caller has seen the call end, with its status and trailers
    /// (interceptors in reverse order, the innermost first), before the end reaches the
    /// caller: a unary or client-streaming result or error, the nil or error that ends a
    /// ``ResponseStream``, ``ResponseStream/status()``. A stream dropped before it was read to
    /// its end reports it when dropped (from a task of its own); a call that a later
    /// interceptor rejects, or that cannot start (no connection, the deadline), reports that.
    public mutating func onFinish(_ observe: @escaping @Sendable (CallStatus) async -> Void) {
        finishObservers.append(observe)
    }
}

/// Hears the end of a client call.
typealias FinishObserver = @Sendable (CallStatus) async -> Void

/// Runs around the RPCs of a server: reads and changes the request metadata, rejects a call
/// before its handler runs, observes its messages, and sees how it ends.
///
/// The handler runs inside `next`, so what the interceptor sets up around it (a clock, a
/// task-local value such as a tracing context) holds for the handler too. Interceptors run in
/// the handler's task: on the I/O thread when `runsHandlersOnEventLoop` is on, so they must
/// not block either.
///
/// ```swift
/// struct RequireToken: ServerInterceptor {
///     let token: String
///     func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
///         guard call.metadata.firstString(forKey: "authorization") == "Bearer \(token)" else {
///             throw RPCError(code: .unauthenticated, message: "a valid bearer token is required")
///         }
///         try await next(call)
///     }
/// }
/// ```
public protocol ServerInterceptor: Sendable {
    /// Runs one RPC (`ServerConfiguration.interceptors` lists them outermost first; this one
    /// runs inside the ones before it). Throw before calling `next` to end the call with that
    /// status without running the handler. Call `next` at most once, with the call as it
    /// should go on (its metadata changed, observers added).
    ///
    /// `next` returns when the handler, and the interceptors after this one, have succeeded
    /// (the call ends OK) and throws the ``RPCError`` it ends with otherwise: DEADLINE_EXCEEDED
    /// or CANCELLED when it was cancelled, UNKNOWN for an error that is not an RPCError. What
    /// this method throws is what the client sees (an error that is not an RPCError reaches
    /// it as UNKNOWN, without its text); the trailers are `call.context.responseTrailers`
    /// plus the error's `metadata`. The status goes out only once every interceptor has
    /// returned, so what one does after `next` (end a span, record a duration, log) happens
    /// before the client sees the call end.
    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws
}

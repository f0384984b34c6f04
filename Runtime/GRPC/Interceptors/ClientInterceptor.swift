/// Sees and shapes the calls of a channel: adds metadata (credentials, `traceparent`), fails a
/// call before anything is sent, observes its messages and its final status.
///
/// A client call is not a scope (a ``ResponseStream`` outlives the call that made it), so an
/// interceptor is asked once, before the call starts, and hears of the rest through the
/// observers it registers on the call; the end comes to ``ClientInterceptorCall/onFinish(_:)``.
///
/// ```swift
/// struct BearerToken: ClientInterceptor {
///     let token: String
///     func intercept(_ call: inout ClientInterceptorCall) async throws {
///         call.metadata.addString("Bearer \(token)", forKey: "authorization")
///     }
/// }
/// ```
public protocol ClientInterceptor: Sendable {
    /// Called in the caller's task before the call starts, after the interceptors listed
    /// before this one (`ChannelConfiguration.interceptors`, outermost first). Change
    /// `call.options` or `call.metadata` and register observers; throw an ``RPCError`` to
    /// fail the call without sending anything (another error fails it as UNKNOWN, with the
    /// error's text; a CancellationError as CANCELLED).
    func intercept(_ call: inout ClientInterceptorCall) async throws
}

import SwiftGRPC
import Tracing

/// Traces every call a channel makes: a span of kind `client` named `package.Service/Method`,
/// a child of the caller's `ServiceContext.current`, whose context the tracer injects into the
/// request metadata (W3C `traceparent` and `tracestate` with a W3C tracer) for the server to
/// continue. Attributes follow OpenTelemetry (`rpc.system`, `rpc.service`, `rpc.method`,
/// `rpc.grpc.status_code`, `server.address`, `server.port`); any status but OK marks the span
/// as an error.
///
/// List it after interceptors that may reject a call, so that their rejections are not traced,
/// or before them to trace those too: the span ends with whatever status the call ends with.
///
/// ```swift
/// var configuration = ChannelConfiguration()
/// configuration.interceptors = [.apply(ClientTracingInterceptor(), to: .all)]
/// ```
public struct ClientTracingInterceptor: ClientInterceptor {
    private let tracer: any Tracer
    private let recordsMessageEvents: Bool

    /// Traces with `tracer` (by default the one `InstrumentationSystem.bootstrap` installed,
    /// read now: bootstrap first); with `messageEvents`, each message adds an `rpc.message`
    /// event to the span.
    public init(tracer: any Tracer = InstrumentationSystem.tracer, messageEvents: Bool = false) {
        self.tracer = tracer
        recordsMessageEvents = messageEvents
    }

    /// Starts the call's span, propagates its context, and ends it with the call.
    public func intercept(_ call: inout ClientInterceptorCall) async throws {
        let span = tracer.startSpan(RPCSpan.name(of: call.method), context: ServiceContext.current ?? .topLevel,
                                    ofKind: .client)
        let method = call.method
        let target = call.target
        span.updateAttributes { attributes in
            RPCSpan.describe(method, in: &attributes)
            RPCSpan.describe(target, as: "server", in: &attributes)
        }
        tracer.inject(span.context, into: &call.metadata, using: MetadataInjector())
        if recordsMessageEvents {
            let events = MessageEvents(span: span)
            call.onRequest { events.sent($0) }
            call.onResponse { events.received($0) }
        }
        call.onFinish { status in
            RPCSpan.end(span, code: status.code, message: status.message, isError: status.code != .ok)
        }
    }
}

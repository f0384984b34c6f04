import SwiftGRPC
import Tracing

/// Traces every call a server handles: a span of kind `server` named `package.Service/Method`,
/// a child of the context the client propagated in the request metadata (extracted by the
/// tracer, so W3C `traceparent` with a W3C tracer), with OpenTelemetry's attributes
/// (`rpc.system`, `rpc.service`, `rpc.method`, `rpc.grpc.status_code`, `network.peer.*`).
///
/// The handler runs with the span's context as `ServiceContext.current`, so spans it starts
/// are children of the call's. As OpenTelemetry's gRPC conventions say, the span's status is
/// an error only for the server's own faults (UNKNOWN, DEADLINE_EXCEEDED, UNIMPLEMENTED,
/// INTERNAL, UNAVAILABLE, DATA_LOSS), not for a client's mistakes such as NOT_FOUND.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.interceptors = [.apply(ServerTracingInterceptor(), to: .all)]
/// ```
public struct ServerTracingInterceptor: ServerInterceptor {
    private let tracer: any Tracer
    private let recordsMessageEvents: Bool

    /// Traces with `tracer` (by default the one `InstrumentationSystem.bootstrap` installed,
    /// read now: bootstrap first); with `messageEvents`, each message adds an `rpc.message`
    /// event to the span.
    public init(tracer: any Tracer = InstrumentationSystem.tracer, messageEvents: Bool = false) {
        self.tracer = tracer
        recordsMessageEvents = messageEvents
    }

    /// Runs the call inside its span.
    public func intercept(_ call: ServerInterceptorCall,
                          next: (ServerInterceptorCall) async throws -> Void) async throws {
        var parent = ServiceContext.current ?? .topLevel
        tracer.extract(call.metadata, into: &parent, using: MetadataExtractor())
        let span = tracer.startSpan(RPCSpan.name(of: call.method), context: parent, ofKind: .server)
        span.updateAttributes { attributes in
            RPCSpan.describe(call.method, in: &attributes)
            RPCSpan.describe(SocketTarget(call.context.peer), as: "network.peer", in: &attributes)
        }
        var call = call
        if recordsMessageEvents {
            let events = MessageEvents(span: span)
            call.onRequest { events.received($0) }
            call.onResponse { events.sent($0) }
        }
        do {
            try await ServiceContext.withValue(span.context) { try await next(call) }
        } catch {
            let failure = error as? RPCError ?? RPCError(code: .unknown, message: "\(error)")
            RPCSpan.end(span, code: failure.code, message: failure.message, isError: Self.isServerFault(failure.code))
            throw error
        }
        RPCSpan.end(span, code: .ok, message: "", isError: false)
    }

    /// The codes OpenTelemetry's gRPC conventions count as a server span's error.
    static func isServerFault(_ code: StatusCode) -> Bool {
        switch code {
        case .unknown, .deadlineExceeded, .unimplemented, .internalError, .unavailable, .dataLoss: return true
        default: return false
        }
    }
}

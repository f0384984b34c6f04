import SwiftGRPC
import Tracing

/// What both tracing interceptors put on their spans: OpenTelemetry's RPC conventions for gRPC.
enum RPCSpan {
    /// `package.Service/Method`: the path without its leading slash.
    static func name(of method: MethodDescriptor) -> String {
        method.path.hasPrefix("/") ? String(method.path.dropFirst()) : method.path
    }

    /// `rpc.system`, `rpc.service`, `rpc.method`.
    static func describe(_ method: MethodDescriptor, in attributes: inout SpanAttributes) {
        attributes["rpc.system"] = "grpc"
        attributes["rpc.service"] = method.service
        attributes["rpc.method"] = method.method
    }

    /// `<prefix>.address` and `<prefix>.port` of a TCP or Unix address (`server`, `network.peer`).
    static func describe(_ target: SocketTarget?, as prefix: String, in attributes: inout SpanAttributes) {
        switch target {
        case .tcp(let host, let port)?:
            attributes["\(prefix).address"] = host
            attributes["\(prefix).port"] = port
        case .unix(let path)?:
            attributes["\(prefix).address"] = path
        default:
            break
        }
    }

    /// Sets `rpc.grpc.status_code`; for a failure that `isError` counts, records it and marks
    /// the span's status as an error.
    static func end(_ span: any Span, code: StatusCode, message: String, isError: Bool) {
        span.attributes["rpc.grpc.status_code"] = code.rawValue
        if isError {
            span.recordError(RPCError(code: code, message: message))
            span.setStatus(SpanStatus(code: .error, message: message.isEmpty ? "\(code)" : "\(code): \(message)"))
        }
        span.end()
    }
}

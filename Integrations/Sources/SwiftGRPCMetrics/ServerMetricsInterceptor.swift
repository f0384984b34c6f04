import CoreMetrics
import SwiftGRPC

/// Records the `rpc.server.*` metrics of ``RPCMetricLabels`` for every call a server handles:
/// calls started, their durations, request and response sizes, and messages per call, by
/// service, method and status code.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.interceptors = [.apply(ServerMetricsInterceptor(), to: .all)]
/// ```
public struct ServerMetricsInterceptor: ServerInterceptor {
    private let factory: any MetricsFactory

    /// Records through `factory`: by default the one `MetricsSystem.bootstrap` installed, read
    /// now (bootstrap first).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Counts the call, observes its messages, and records how it ended.
    public func intercept(_ call: ServerInterceptorCall,
                          next: (ServerInterceptorCall) async throws -> Void) async throws {
        let recorder = CallRecorder(method: call.method, labels: .server, factory: factory)
        var call = call
        call.onRequest { recorder.request($0) }
        call.onResponse { recorder.response($0) }
        do {
            try await next(call)
        } catch {
            recorder.finish((error as? RPCError)?.code ?? .unknown)
            throw error
        }
        recorder.finish(.ok)
    }
}

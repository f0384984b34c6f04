import CoreMetrics
import SwiftGRPC

/// Records the `rpc.client.*` metrics of ``RPCMetricLabels`` for every call a channel makes:
/// calls started, their durations, request and response sizes, and messages per call, by
/// service, method, target and status code.
///
/// ```swift
/// var configuration = ChannelConfiguration()
/// configuration.interceptors = [.apply(ClientMetricsInterceptor(), to: .all)]
/// ```
public struct ClientMetricsInterceptor: ClientInterceptor {
    private let factory: any MetricsFactory

    /// Records through `factory`: by default the one `MetricsSystem.bootstrap` installed, read
    /// now (bootstrap first).
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        self.factory = factory
    }

    /// Counts the call, observes its messages, and arranges for its end to be recorded.
    public func intercept(_ call: inout ClientInterceptorCall) async throws {
        let recorder = CallRecorder(method: call.method, extraDimensions: Self.dimensions(of: call.target),
                                    labels: .client, factory: factory)
        call.onRequest { recorder.request($0) }
        call.onResponse { recorder.response($0) }
        call.onFinish { status in recorder.finish(status.code) }
    }

    /// `server.address` and `server.port` for TCP, `server.address` for a Unix socket; nothing
    /// for a server in this process, which has no address.
    static func dimensions(of target: SocketTarget) -> [(String, String)] {
        switch target {
        case .tcp(let host, let port):
            return [(RPCMetricDimensions.serverAddress, host), (RPCMetricDimensions.serverPort, String(port))]
        case .unix(let path):
            return [(RPCMetricDimensions.serverAddress, path)]
        default:
            return []
        }
    }
}

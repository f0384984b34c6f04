/// The names of what the metrics interceptors record: OpenTelemetry's RPC semantic conventions
/// as most backends and instrumentations still emit them (semantic conventions 1.37 and before:
/// `rpc.*.duration` in milliseconds, sizes and messages per RPC), plus a count of started calls,
/// which the conventions leave out (gRPC's own OpenTelemetry metrics, A66, have one).
///
/// | label | kind | unit | dimensions |
/// | --- | --- | --- | --- |
/// | `rpc.server.call.started`, `rpc.client.call.started` | Counter | calls | method |
/// | `rpc.server.duration`, `rpc.client.duration` | Timer (displayed in ms) | ns | method, status |
/// | `rpc.server.request.size`, `rpc.client.request.size` | Recorder, one value per message | bytes, before compression | method |
/// | `rpc.server.response.size`, `rpc.client.response.size` | Recorder, one value per message | bytes, before compression | method |
/// | `rpc.server.requests_per_rpc`, `rpc.client.requests_per_rpc` | Recorder, one value per call | messages | method, status |
/// | `rpc.server.responses_per_rpc`, `rpc.client.responses_per_rpc` | Recorder, one value per call | messages | method, status |
///
/// "method" is `rpc.system` (`grpc`), `rpc.service` (`package.Service`) and `rpc.method`
/// (`Method`), and on the client `server.address` and `server.port` (TCP targets); "status" adds
/// `rpc.grpc.status_code`, the numeric code (`0`, `5`). Requests are what the client sends and
/// the server receives, on both sides.
public enum RPCMetricLabels {
    /// Calls the server started handling.
    public static let serverCallsStarted = "rpc.server.call.started"
    /// How long the server took over each call, from its start to its status.
    public static let serverDuration = "rpc.server.duration"
    /// The size of each request message the server received.
    public static let serverRequestSize = "rpc.server.request.size"
    /// The size of each response message the server sent.
    public static let serverResponseSize = "rpc.server.response.size"
    /// How many request messages each call brought the server.
    public static let serverRequestsPerRPC = "rpc.server.requests_per_rpc"
    /// How many response messages the server sent in each call.
    public static let serverResponsesPerRPC = "rpc.server.responses_per_rpc"

    /// Calls the client started.
    public static let clientCallsStarted = "rpc.client.call.started"
    /// How long each call took the client, from its start to its status.
    public static let clientDuration = "rpc.client.duration"
    /// The size of each request message the client sent.
    public static let clientRequestSize = "rpc.client.request.size"
    /// The size of each response message the client received.
    public static let clientResponseSize = "rpc.client.response.size"
    /// How many request messages the client sent in each call.
    public static let clientRequestsPerRPC = "rpc.client.requests_per_rpc"
    /// How many response messages each call brought the client.
    public static let clientResponsesPerRPC = "rpc.client.responses_per_rpc"
}

/// The dimension names, OpenTelemetry's attribute names.
public enum RPCMetricDimensions {
    /// `grpc`, always.
    public static let system = "rpc.system"
    /// The fully qualified service name, `package.Service`.
    public static let service = "rpc.service"
    /// The method's name, `Method`.
    public static let method = "rpc.method"
    /// The numeric status code the call ended with, `0` for OK.
    public static let statusCode = "rpc.grpc.status_code"
    /// The client's target host (TCP) or socket path (Unix).
    public static let serverAddress = "server.address"
    /// The client's target port (TCP only).
    public static let serverPort = "server.port"
}

/// gRPC's standard health service, `grpc.health.v1.Health`: Check, Watch and List, for load
/// balancers, orchestrators and probes. The application sets each service's status; the
/// server as a whole (the empty name) is SERVING while the server runs, and graceful shutdown
/// turns every service NOT_SERVING before the server drains, so that Watch streams hear it and
/// then end (they never hold a shutdown).
///
///     let health = HealthService()
///     let server = Server(services: [GreeterService(), health])
///     health.setStatus(.serving, forService: Helloworld_Greeter.serviceName)
public final class HealthService: Grpc_Health_V1_Health.SimpleServiceProtocol, ServerObservingService {
    /// What the application says of a service.
    public enum Status: Sendable {
        /// It takes calls.
        case serving
        /// It does not take calls now.
        case notServing
    }

    /// List answers RESOURCE_EXHAUSTED past this many services, as health.proto asks.
    public static let listLimit = 100

    let board = HealthStatusBoard()

    /// A health service knowing only the server as a whole, which is SERVING.
    public init() {}

    /// Sets the status of `service` (its full name, `helloworld.Greeter`; the empty name is the
    /// server as a whole); its Watch streams hear the change. Ignored once the server has begun
    /// shutting down, so nothing turns a stopping server back to SERVING.
    public func setStatus(_ status: Status, forService service: String) {
        board.set(status == .serving ? .serving : .notServing, of: service)
    }

    /// Forgets `service`: Check answers NOT_FOUND for it and its Watch streams SERVICE_UNKNOWN.
    public func clearStatus(forService service: String) {
        board.set(nil, of: service)
    }

    /// The status reported for `service`, nil when it is not known.
    public func status(forService service: String) -> Grpc_Health_V1_HealthCheckResponse.ServingStatus? {
        board.status(of: service)
    }

    // MARK: grpc.health.v1.Health

    /// The status of `request.service`; NOT_FOUND when it is not known.
    public func check(request: Grpc_Health_V1_HealthCheckRequest, context: ServerContext) async throws
        -> Grpc_Health_V1_HealthCheckResponse
    {
        guard let status = board.status(of: request.service) else {
            throw RPCError(code: .notFound, message: "unknown service '\(request.service)'")
        }
        return .with { $0.status = status }
    }

    /// Every known service's status; RESOURCE_EXHAUSTED past ``listLimit`` services.
    public func list(request: Grpc_Health_V1_HealthListRequest, context: ServerContext) async throws
        -> Grpc_Health_V1_HealthListResponse
    {
        let statuses = board.all
        guard statuses.count <= Self.listLimit else {
            throw RPCError(code: .resourceExhausted,
                           message: "\(statuses.count) services exceed the limit of \(Self.listLimit) a List answers")
        }
        return .with { $0.statuses = statuses.mapValues { status in Grpc_Health_V1_HealthCheckResponse.with { $0.status = status } } }
    }

    /// The status of `request.service` now, then each change (the newest, when several came
    /// while a response was being written), until the call ends or the server shuts down.
    public func watch(request: Grpc_Health_V1_HealthCheckRequest, responses: ResponseWriter<Grpc_Health_V1_HealthCheckResponse>,
                      context: ServerContext) async throws {
        let watch = board.watch(request.service)
        defer { board.remove(watch, of: request.service) }
        while let status = await watch.next() {
            try await responses.write(.with { $0.status = status })
        }
    }

    // MARK: ServerObservingService

    /// Turns every service NOT_SERVING for good.
    public func serverWillShutDown() {
        board.shutDown()
    }
}

import Synchronization

/// The statuses a ``HealthService`` reports and the Watch calls that follow them, under one
/// lock: a watch starts from the status current when it registers, and changes reach every
/// watch in the order they were made. (Offers only resume a continuation, which schedules the
/// watching task and runs nothing here, so they are made under the lock.)
final class HealthStatusBoard: Sendable {
    typealias Status = Grpc_Health_V1_HealthCheckResponse.ServingStatus

    private struct State {
        /// The empty name is the server as a whole: serving until it shuts down.
        var statuses: [String: Status] = ["": .serving]
        var watches: [String: [ObjectIdentifier: HealthWatch]] = [:]
        var shutDown = false
    }

    private let state = Mutex(State())

    /// A service's status, nil when it is not known.
    func status(of service: String) -> Status? {
        state.withLock { $0.statuses[service] }
    }

    /// Every known service's status.
    var all: [String: Status] { state.withLock { $0.statuses } }

    /// Sets (or with nil forgets) a service's status and tells its watches; ignored after
    /// shutdown, so that nothing turns a stopping server back to SERVING.
    func set(_ status: Status?, of service: String) {
        state.withLock { state in
            guard !state.shutDown else { return }
            state.statuses[service] = status
            for watch in state.watches[service, default: [:]].values { watch.offer(status ?? .serviceUnknown) }
        }
    }

    /// Turns every service NOT_SERVING for good; every watch sends that last and ends.
    func shutDown() {
        state.withLock { state in
            state.shutDown = true
            for service in state.statuses.keys { state.statuses[service] = .notServing }
            for watch in state.watches.values.flatMap(\.values) { watch.offer(.notServing, final: true) }
        }
    }

    /// A new watch of `service`, holding its current status (SERVICE_UNKNOWN for a name not
    /// known; after shutdown NOT_SERVING, and then it ends).
    func watch(_ service: String) -> HealthWatch {
        let watch = HealthWatch()
        state.withLock { state in
            if state.shutDown {
                watch.offer(.notServing, final: true)
            } else {
                state.watches[service, default: [:]][ObjectIdentifier(watch)] = watch
                watch.offer(state.statuses[service] ?? .serviceUnknown)
            }
        }
        return watch
    }

    /// Forgets a watch whose call has ended.
    func remove(_ watch: HealthWatch, of service: String) {
        state.withLock { state in
            state.watches[service]?[ObjectIdentifier(watch)] = nil
            if state.watches[service]?.isEmpty == true { state.watches[service] = nil }
        }
    }

    /// Watches open now, for tests that calls leave nothing behind.
    var watchCount: Int { state.withLock { state in state.watches.values.reduce(0) { $0 + $1.count } } }
}

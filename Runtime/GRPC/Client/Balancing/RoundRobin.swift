/// `round_robin`: a connection to every address, and each call on the next READY one in turn.
/// A subchannel whose connection is lost or whose backoff ends connects again at once, so a
/// restarted replica comes back into rotation; the channel is READY while any one is.
///
/// Select it with `{"loadBalancingConfig": [{"round_robin": {}}]}`.
public struct RoundRobinFactory: LoadBalancerFactory {
    /// `"round_robin"`.
    public let name = "round_robin"

    /// The built-in factory.
    public init() {}

    /// A round_robin balancer for one channel (its config has no fields).
    public func makeBalancer(configJSON: String, controller: LoadBalancerController) throws -> any LoadBalancer {
        _ = try BalancerConfig(json: configJSON, policy: name)
        return RoundRobinBalancer(controller: controller)
    }
}

final class RoundRobinBalancer: LoadBalancer {
    private let controller: LoadBalancerController
    private var subchannels: [Subchannel] = []
    private var ready: [Subchannel] = []
    private var next = 0
    private var state = ConnectivityState.idle

    init(controller: LoadBalancerController) {
        self.controller = controller
    }

    func update(addresses: [ResolvedAddress]) {
        let wanted = Set(addresses)
        for subchannel in subchannels where !wanted.contains(subchannel.address) { subchannel.shutdown() }
        var kept = subchannels.filter { wanted.contains($0.address) }
        for address in addresses where !kept.contains(where: { $0.address == address }) {
            kept.append(controller.makeSubchannel(address))
        }
        subchannels = kept
        for subchannel in subchannels { subchannel.connect() }
        aggregate()
    }

    func exitIdle() {
        for subchannel in subchannels { subchannel.connect() }
    }

    func subchannel(_ subchannel: Subchannel, didChangeTo new: ConnectivityState) {
        guard subchannels.contains(where: { $0 === subchannel }) else { return }
        if new == .idle { subchannel.connect() }
        aggregate()
    }

    /// READY while any subchannel is; TRANSIENT_FAILURE once all have failed, and sticky until
    /// one is READY again (so fail-fast calls do not wait on reconnects that keep failing).
    private func aggregate() {
        ready = subchannels.filter { $0.state == .ready }
        let new: ConnectivityState
        if !ready.isEmpty {
            new = .ready
        } else if subchannels.isEmpty || subchannels.allSatisfy({ $0.state == .transientFailure }) || state == .transientFailure {
            new = .transientFailure
        } else {
            new = .connecting
        }
        state = new
        if new == .transientFailure {
            let failures = subchannels.map { "\($0.address): \($0.lastFailure)" }.joined(separator: "; ")
            let message = subchannels.isEmpty ? "the resolver returned no addresses" : "cannot connect to any address: \(failures)"
            controller.setState(new, failure: RPCError(code: .unavailable, message: message))
        } else {
            controller.setState(new)
        }
    }

    func pick(_ call: PickRequest) -> PickResult {
        guard !ready.isEmpty else { return state == .transientFailure ? .fail(controller.failure) : .queue }
        next = next &+ 1
        return .subchannel(ready[Int(UInt(bitPattern: next) % UInt(ready.count))])
    }

    func shutdown() {
        for subchannel in subchannels { subchannel.shutdown() }
        subchannels = []
        ready = []
    }
}

/// `pick_first`, gRPC's default policy: tries the addresses in order until one connects and
/// sends every call there. When that connection is lost the channel goes IDLE and the next
/// call starts again from the first address; while every address fails the channel stays in
/// TRANSIENT_FAILURE and keeps trying each as its backoff ends.
///
/// Config: `{"pick_first": {"shuffleAddressList": true}}` tries the addresses in a random order
/// (spreading clients over the replicas one DNS name returns in a fixed order).
public struct PickFirstFactory: LoadBalancerFactory {
    /// `"pick_first"`.
    public let name = "pick_first"

    /// The factory the channel uses by default.
    public init() {}

    /// A pick_first balancer for one channel.
    public func makeBalancer(configJSON: String, controller: LoadBalancerController) throws -> any LoadBalancer {
        let config = try BalancerConfig(json: configJSON, policy: name)
        return PickFirstBalancer(controller: controller, shuffle: try config.bool("shuffleAddressList") ?? false)
    }
}

final class PickFirstBalancer: LoadBalancer {
    private let controller: LoadBalancerController
    private let shuffle: Bool
    private var addresses: [ResolvedAddress] = []
    private var subchannels: [Subchannel] = []
    private var selected: Subchannel?
    /// The subchannel being tried, while connecting through the list.
    private var trying: Int?
    private var state = ConnectivityState.idle

    init(controller: LoadBalancerController, shuffle: Bool) {
        self.controller = controller
        self.shuffle = shuffle
    }

    func update(addresses new: [ResolvedAddress]) {
        let ordered = shuffle ? new.shuffled() : new
        guard Set(ordered) != Set(addresses) || subchannels.isEmpty else { return }
        addresses = ordered
        // Keep the connection in use if its address is still there; replace the rest.
        let keep = selected.flatMap { current in ordered.contains(current.address) ? current : nil }
        for subchannel in subchannels where subchannel !== keep { subchannel.shutdown() }
        subchannels = ordered.map { address in
            if let keep, keep.address == address { return keep }
            return controller.makeSubchannel(address)
        }
        selected = keep
        trying = nil
        guard keep == nil else { return }
        if ordered.isEmpty {
            report(.transientFailure, failure: RPCError(code: .unavailable, message: "the resolver returned no addresses"))
        } else {
            tryNext(from: 0)
        }
    }

    func exitIdle() {
        guard selected == nil, trying == nil, !subchannels.isEmpty else { return }
        tryNext(from: 0)
    }

    private func tryNext(from index: Int) {
        guard index < subchannels.count else {
            // Every address failed: stay in TRANSIENT_FAILURE, each one retries after its backoff.
            trying = nil
            let failures = subchannels.map { "\($0.address): \($0.lastFailure)" }.joined(separator: "; ")
            report(.transientFailure, failure: RPCError(code: .unavailable, message: "cannot connect to any address: \(failures)"))
            return
        }
        trying = index
        if state != .transientFailure { report(.connecting) }
        let subchannel = subchannels[index]
        switch subchannel.state {
        case .idle: subchannel.connect()
        case .ready: self.subchannel(subchannel, didChangeTo: .ready)
        case .transientFailure: tryNext(from: index + 1)
        case .connecting, .shutdown: break
        }
    }

    func subchannel(_ subchannel: Subchannel, didChangeTo new: ConnectivityState) {
        guard let index = subchannels.firstIndex(where: { $0 === subchannel }) else { return }
        switch new {
        case .ready:
            guard selected == nil else { return }
            selected = subchannel
            trying = nil
            for other in subchannels where other !== subchannel { other.shutdown() }
            subchannels = [subchannel]
            report(.ready)
        case .transientFailure:
            if trying == index { tryNext(from: index + 1) }
        case .idle:
            if subchannel === selected {
                // The connection was lost: go IDLE (the next call reconnects) and look again.
                selected = nil
                subchannels = addresses.map { $0 == subchannel.address ? subchannel : controller.makeSubchannel($0) }
                report(.idle)
                controller.requestResolution()
            } else if state == .transientFailure && trying == nil {
                // Its backoff ended while everything is failing: try it again.
                subchannel.connect()
            }
        case .connecting, .shutdown:
            break
        }
    }

    func pick(_ call: PickRequest) -> PickResult {
        if let selected, selected.state == .ready { return .subchannel(selected) }
        if state == .idle { exitIdle() }
        return state == .transientFailure ? .fail(controller.failure) : .queue
    }

    func shutdown() {
        for subchannel in subchannels { subchannel.shutdown() }
        subchannels = []
        selected = nil
    }

    private func report(_ new: ConnectivityState, failure: RPCError? = nil) {
        state = new
        controller.setState(new, failure: failure)
    }
}

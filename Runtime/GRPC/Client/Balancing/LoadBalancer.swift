/// A load-balancing policy: keeps subchannels to the resolver's addresses and picks one for
/// each call. All its methods run on the channel's I/O thread, one at a time, so a balancer
/// keeps its state in plain properties; none may block.
///
/// A policy comes from a ``LoadBalancerFactory`` whose name a service config's
/// `loadBalancingConfig` selects; `pick_first` (the default) and `round_robin` are built in,
/// and ``ChannelConfiguration/loadBalancers`` adds your own:
///
/// ```swift
/// final class FirstReady: LoadBalancer {
///     let controller: LoadBalancerController
///     var subchannels: [Subchannel] = []
///     init(controller: LoadBalancerController) { self.controller = controller }
///     func update(addresses: [ResolvedAddress]) {
///         subchannels.forEach { $0.shutdown() }
///         subchannels = addresses.map { controller.makeSubchannel($0) }
///         subchannels.forEach { $0.connect() }
///     }
///     func subchannel(_ subchannel: Subchannel, didChangeTo state: ConnectivityState) {
///         if state == .idle { subchannel.connect() }
///         controller.setState(subchannels.contains { $0.state == .ready } ? .ready : .connecting)
///     }
///     func pick(_ call: PickRequest) -> PickResult {
///         subchannels.first { $0.state == .ready }.map { .subchannel($0) } ?? .queue
///     }
///     func exitIdle() {}
///     func shutdown() { subchannels.forEach { $0.shutdown() } }
/// }
/// ```
public protocol LoadBalancer: AnyObject {
    /// The resolver's addresses, first and whenever they change: make subchannels for new
    /// ones (``LoadBalancerController/makeSubchannel(_:)``), shut down those that went away.
    func update(addresses: [ResolvedAddress])
    /// One of this balancer's subchannels changed state. Report the channel's state with
    /// ``LoadBalancerController/setState(_:failure:)``: that is also when queued calls pick again.
    func subchannel(_ subchannel: Subchannel, didChangeTo state: ConnectivityState)
    /// Where a call goes: a READY subchannel, `.queue` (wait for the next state), or `.fail`
    /// (calls that wait for ready queue instead).
    func pick(_ call: PickRequest) -> PickResult
    /// A call wants a connection while the balancer's state is IDLE: start connecting.
    func exitIdle()
    /// The channel is closing or going idle: shut down every subchannel.
    func shutdown()
}

/// What a balancer knows of the call it picks for.
public struct PickRequest: Sendable {
    /// The call's `:path`, `/package.Service/Method`.
    public let path: String
    /// The call's request metadata.
    public let metadata: Metadata
}

/// A balancer's answer for one call.
public enum PickResult {
    /// Send the call on this subchannel (which must be READY; otherwise the call picks again
    /// at the next state change).
    case subchannel(Subchannel)
    /// Hold the call until the balancer reports a new state.
    case queue
    /// Fail a fail-fast call with this error (UNAVAILABLE, usually); wait-for-ready calls queue.
    case fail(RPCError)
}

/// Makes the balancer that a service config's `loadBalancingConfig` names.
public protocol LoadBalancerFactory: Sendable {
    /// The policy's name in `loadBalancingConfig` (`"round_robin"`).
    var name: String { get }
    /// A balancer for one channel. `configJSON` is the policy's JSON object (`"{}"` when the
    /// config gives none); throw ``RPCError`` (INVALID_ARGUMENT) naming a bad field: the
    /// channel's construction fails with it.
    func makeBalancer(configJSON: String, controller: LoadBalancerController) throws -> any LoadBalancer
}

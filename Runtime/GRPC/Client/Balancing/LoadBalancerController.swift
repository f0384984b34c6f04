/// What a balancer uses its channel for: making subchannels, reporting the channel's state
/// (which is when queued calls pick again) and asking the resolver for fresh addresses.
/// Loop-confined, like the balancer.
public final class LoadBalancerController: @unchecked Sendable {
    private weak var core: ChannelCore?
    private let loop: EventLoop
    private let settings: SubchannelSettings
    /// The error of the last TRANSIENT_FAILURE reported, for picks that fail.
    public private(set) var failure = RPCError(code: .unavailable, message: "no connection")

    init(core: ChannelCore, loop: EventLoop, settings: SubchannelSettings) {
        self.core = core
        self.loop = loop
        self.settings = settings
    }

    /// A new IDLE subchannel to `address`, reporting to this balancer; call its `connect()`.
    /// Once the channel is gone, one that is already SHUTDOWN.
    public func makeSubchannel(_ address: ResolvedAddress) -> Subchannel {
        if let core { return core.makeSubchannel(address) }
        let orphan = Subchannel(address: address, loop: loop, settings: settings, owner: nil)
        orphan.shutdown()
        return orphan
    }

    /// The channel's state is now `state`; `failure` is what fail-fast calls get while it is
    /// TRANSIENT_FAILURE. Queued calls pick again.
    public func setState(_ state: ConnectivityState, failure: RPCError? = nil) {
        if let failure { self.failure = failure }
        core?.balancerStateChanged(state, failure: state == .transientFailure ? self.failure : nil)
    }

    /// Asks the resolver for the addresses again (at most once per
    /// ``ChannelConfiguration/minimumResolutionInterval``).
    public func requestResolution() {
        core?.requestResolution()
    }
}

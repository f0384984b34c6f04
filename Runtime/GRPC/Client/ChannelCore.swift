import Synchronization

/// A channel's life on its I/O thread: the resolver's answers, the balancer and its
/// subchannels, the calls waiting for a pick, the channel's state and its watchers, and the
/// idle timer. Loop-confined, but for the mirrors of the state that any thread reads.
final class ChannelCore: @unchecked Sendable {
    private struct Waiter {
        let id: Int
        let request: PickRequest
        let waitForReady: Bool
        let resume: (Result<ClientConnectionHandler, RPCError>) -> Void
    }

    let loop: EventLoop
    let configuration: ChannelConfiguration
    private let resolver: any NameResolver
    private let settings: SubchannelSettings
    private var balancerFactory: any LoadBalancerFactory
    private var balancerConfig: String
    private var balancer: (any LoadBalancer)?
    private lazy var controller = LoadBalancerController(core: self, loop: loop, settings: settings)
    private var subchannels: [Subchannel] = []
    private var waiters: [Waiter] = []
    private var nextWaiterID = 0

    private var state = ConnectivityState.idle
    /// The channel's state for any thread (`Channel.connectivityState`).
    let publishedState = Mutex(ConnectivityState.idle)
    /// READY, readable without a lock: a call on a ready channel goes straight to the loop.
    let isReady = Atomic<Bool>(false)
    private var watchers: [Int: AsyncStream<ConnectivityState>.Continuation] = [:]
    private var nextWatcherID = 0

    /// The service config in force: the resolver's when it gives one, else the channel's.
    let serviceConfig: Mutex<ServiceConfig>
    private let defaultServiceConfig: ServiceConfig
    /// Whether any method config exists, read per call without the lock.
    let hasMethodConfigs = Atomic<Bool>(false)
    private(set) var throttle: RetryThrottle?
    /// Request bytes all of this channel's retryable calls hold for replay.
    var retryBufferUsed = 0

    private var resolving = false
    private var lastResolution: ContinuousClock.Instant?
    /// A resolution is due later (the minimum interval, or the backoff after a failure).
    private var resolutionScheduled = false
    private var resolutionFailures = 0
    private var addresses: [ResolvedAddress]?
    /// Why the name does not resolve, while it never has: fail-fast calls fail with it.
    private var resolutionError: RPCError?
    private var resolverConfigText: String?

    /// Calls started since the idle timer last looked.
    private var callsStarted = 0
    private var idleTimerArmed = false

    init(loop: EventLoop, configuration: ChannelConfiguration, resolver: any NameResolver, settings: SubchannelSettings,
         serviceConfig: ServiceConfig) throws {
        self.loop = loop
        self.configuration = configuration
        self.resolver = resolver
        self.settings = settings
        (balancerFactory, balancerConfig) = try ChannelCore.policy(of: serviceConfig, custom: configuration.loadBalancers)
        defaultServiceConfig = serviceConfig
        self.serviceConfig = Mutex(serviceConfig)
        hasMethodConfigs.store(!serviceConfig.methodConfigs.isEmpty, ordering: .relaxed)
        throttle = serviceConfig.retryThrottling.map(RetryThrottle.init)
        // Made now so that a bad balancer config fails the channel's construction.
        balancer = try balancerFactory.makeBalancer(configJSON: balancerConfig, controller: controller)
        balancerIsFresh = true
    }

    /// The balancer made at construction has seen no addresses yet.
    private var balancerIsFresh = false

    /// The first policy in `loadBalancingConfig` that this channel knows (its own factories
    /// first), or pick_first when the config names none.
    static func policy(of config: ServiceConfig, custom: [any LoadBalancerFactory]) throws -> (any LoadBalancerFactory, String) {
        let known: [any LoadBalancerFactory] = custom + [PickFirstFactory(), RoundRobinFactory()]
        if config.loadBalancingConfig.isEmpty { return (PickFirstFactory(), "{}") }
        for entry in config.loadBalancingConfig {
            if let factory = known.first(where: { $0.name == entry.name }) { return (factory, entry.configJSON) }
        }
        let names = config.loadBalancingConfig.map(\.name).joined(separator: ", ")
        throw RPCError(code: .invalidArgument, message: "service config: loadBalancingConfig: no supported policy among [\(names)] (known: \(known.map(\.name).joined(separator: ", ")))")
    }

    // MARK: Picking

    /// Calls `resume` with a READY connection for a call on `request.path`: at once, or when the
    /// balancer has one. A fail-fast call fails with the balancer's error in TRANSIENT_FAILURE.
    /// Returns an id with which a waiting call can give up (`abandon`).
    @discardableResult
    func connection(for request: PickRequest, waitForReady: Bool, _ resume: @escaping (Result<ClientConnectionHandler, RPCError>) -> Void) -> Int {
        nextWaiterID += 1
        let waiter = Waiter(id: nextWaiterID, request: request, waitForReady: waitForReady, resume: resume)
        if !pick(for: waiter) { waiters.append(waiter) }
        return waiter.id
    }

    /// Resumes the waiter if the balancer can place it now; false to keep it waiting.
    private func pick(for waiter: Waiter) -> Bool {
        if state == .shutdown {
            waiter.resume(.failure(RPCError(code: .unavailable, message: "the channel is closed")))
            return true
        }
        callsStarted &+= 1
        wakeIfIdle()
        if addresses == nil, let resolutionError {
            if waiter.waitForReady { return false }
            waiter.resume(.failure(resolutionError))
            return true
        }
        guard let balancer else { return false }
        switch balancer.pick(waiter.request) {
        case .subchannel(let subchannel):
            guard let handler = subchannel.readyHandler else { return false }
            waiter.resume(.success(handler))
            return true
        case .queue:
            return false
        case .fail(let error):
            if waiter.waitForReady { return false }
            waiter.resume(.failure(error))
            return true
        }
    }

    /// Opens `stream` on `preferred` (the connection its call was given), or on whichever the
    /// balancer picks when that one closed in between or refused the stream unprocessed: the
    /// call has not started, so moving it is safe.
    func open(_ stream: ClientStream, preferred: ClientConnectionHandler? = nil) {
        guard !stream.finished else { return }
        if stream.deadlineTimer == nil, stream.retry == nil, let deadline = stream.request.deadline {
            // Strong captures here and below: both closures are dropped once the stream ends.
            stream.deadlineTimer = loop.schedule(at: deadline) {
                stream.complete(code: .deadlineExceeded, message: "deadline exceeded", trailers: Metadata(), reset: true)
            }
        }
        if let preferred, preferred.isUsable {
            callsStarted &+= 1
            preferred.start(stream)
            return
        }
        let request = PickRequest(path: stream.request.path, metadata: stream.request.options.metadata)
        // The common case, a READY channel, starts the stream here without a waiter.
        if state == .ready, let balancer, case .subchannel(let subchannel) = balancer.pick(request),
           let handler = subchannel.readyHandler {
            callsStarted &+= 1
            handler.start(stream)
            return
        }
        let id = connection(for: request, waitForReady: stream.request.options.waitForReady) { result in
            stream.leaveQueue = nil
            switch result {
            case .success(let handler): handler.start(stream)
            case .failure(let error): stream.complete(code: error.code, message: error.message, trailers: Metadata(), reset: false)
            }
        }
        if waiters.last?.id == id {
            // Queued: a stream that ends meanwhile (its deadline, a cancel) leaves the queue.
            stream.leaveQueue = { [weak self] in self?.waiters.removeAll { $0.id == id } }
        }
    }

    /// Fails a waiter whose call gave up (deadline or cancellation) before a connection came.
    func abandon(_ id: Int, with error: RPCError) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        waiters.remove(at: index).resume(.failure(error))
    }

    private func repickWaiters() {
        guard !waiters.isEmpty else { return }
        let pending = waiters
        waiters.removeAll()
        for waiter in pending where !pick(for: waiter) { waiters.append(waiter) }
    }

    // MARK: The balancer's side

    func makeSubchannel(_ address: ResolvedAddress) -> Subchannel {
        let subchannel = Subchannel(address: address, loop: loop, settings: settings, owner: self)
        subchannels.append(subchannel)
        return subchannel
    }

    func subchannel(_ subchannel: Subchannel, didChangeTo new: ConnectivityState) {
        switch new {
        case .shutdown:
            subchannels.removeAll { $0 === subchannel }
        case .transientFailure:
            requestResolution()
        default:
            break
        }
        balancer?.subchannel(subchannel, didChangeTo: new)
    }

    func balancerStateChanged(_ new: ConnectivityState, failure: RPCError?) {
        guard state != .shutdown, balancer != nil else { return }
        publish(new)
        repickWaiters()
    }

    private func publish(_ new: ConnectivityState) {
        isReady.store(new == .ready, ordering: .releasing)
        guard new != state else { return }
        state = new
        publishedState.withLock { $0 = new }
        for watcher in watchers.values { watcher.yield(new) }
        if new == .shutdown {
            for watcher in watchers.values { watcher.finish() }
            watchers.removeAll()
        }
    }

    func connectionEvent(_ kind: ConnectionEvent.Kind, peer: String) {
        configuration.connectionEvents?(ConnectionEvent(kind: kind, peer: peer))
    }

    /// The subchannels' connections now, for tests that look below the calls (loop only).
    var connections: [ClientConnectionHandler] { subchannels.compactMap(\.readyHandler) }
    var subchannelsForTesting: [Subchannel] { subchannels }
    var waiterCount: Int { waiters.count }

    /// `Channel.connect()`: an IDLE channel starts resolving and connecting.
    func wake() {
        guard state != .shutdown else { return }
        wakeIfIdle()
        balancer?.exitIdle()
    }

    // MARK: Watching

    /// The current state, then each change, until the channel closes or the watcher stops.
    func watch(_ continuation: AsyncStream<ConnectivityState>.Continuation) {
        guard state != .shutdown else {
            continuation.yield(.shutdown)
            continuation.finish()
            return
        }
        nextWatcherID += 1
        let id = nextWatcherID
        watchers[id] = continuation
        continuation.yield(state)
        // Strong: close() finishes every watcher, which runs this and lets go.
        continuation.onTermination = { [self, loop] _ in
            loop.execute { self.watchers[id] = nil }
        }
    }

    // MARK: Resolving

    /// An idle channel (new, or idle after its timeout) resolves and connects for the call that
    /// wants it.
    private func wakeIfIdle() {
        guard state == .idle, balancer == nil || balancerIsFresh else { return }
        if balancer == nil {
            // The factory made one at construction with this config; it cannot fail now unless a
            // custom factory changed its mind, and then the calls have nowhere to go.
            guard let made = try? balancerFactory.makeBalancer(configJSON: balancerConfig, controller: controller) else { return }
            balancer = made
        }
        balancerIsFresh = false
        publish(.connecting)
        if let addresses {
            balancer?.update(addresses: addresses)
        }
        resolveNow()
        armIdleTimer()
    }

    /// Resolves now, or at the end of the minimum interval since the last resolution.
    func requestResolution() {
        guard state != .shutdown, !resolving, !resolutionScheduled else { return }
        let earliest = lastResolution.map { $0 + configuration.minimumResolutionInterval } ?? .now
        if earliest <= .now {
            resolveNow()
        } else {
            scheduleResolution(at: earliest)
        }
    }

    /// One resolution at `time` (while the channel has a balancer), however often it is asked for.
    private func scheduleResolution(at time: ContinuousClock.Instant) {
        guard !resolutionScheduled else { return }
        resolutionScheduled = true
        loop.schedule(at: time) { [weak self] in
            guard let self else { return }
            resolutionScheduled = false
            if balancer != nil { resolveNow() }
        }
    }

    private func resolveNow() {
        guard !resolving else { return }
        if let immediate = (resolver as? any ImmediateResolver)?.immediateResolution {
            // In a later turn of the loop, as an answer from a task would come.
            resolving = true
            loop.execute { [self] in resolved(.success(immediate)) }
            return
        }
        resolving = true
        let resolver = self.resolver
        // Off the loop: a resolver may block (getaddrinfo does).
        Task.detached { [self, loop] in
            let result: Result<NameResolution, Error>
            do { result = .success(try await resolver.resolve()) } catch { result = .failure(error) }
            loop.execute { [self] in resolved(result) }
        }
    }

    private func resolved(_ result: Result<NameResolution, Error>) {
        resolving = false
        lastResolution = .now
        guard state != .shutdown else { return }
        switch result {
        case .success(let resolution) where !resolution.addresses.isEmpty:
            resolutionFailures = 0
            resolutionError = nil
            apply(serviceConfigText: resolution.serviceConfig)
            addresses = resolution.addresses
            balancer?.update(addresses: resolution.addresses)
        case .success:
            resolutionFailed("the resolver found no addresses")
        case .failure(let error):
            resolutionFailed((error as? RPCError)?.message ?? "\(error)")
        }
    }

    /// Fails fast calls when nothing is known to connect to, and tries again after a backoff.
    private func resolutionFailed(_ reason: String) {
        resolutionFailures += 1
        connectionEvent(.connectFailed("cannot resolve: \(reason)"), peer: configuration.authority ?? settings.authority)
        if addresses == nil, balancer != nil {
            resolutionError = RPCError(code: .unavailable, message: "cannot resolve: \(reason)")
            publish(.transientFailure)
            repickWaiters()
        }
        scheduleResolution(at: .now + settings.backoff.delay(afterFailures: resolutionFailures))
    }

    /// A service config from the resolver replaces the channel's; a bad one is reported and
    /// the one in force is kept (as gRPC does).
    private func apply(serviceConfigText text: String?) {
        guard text != resolverConfigText else { return }
        let config: ServiceConfig
        let policy: (any LoadBalancerFactory, String)
        do {
            config = try text.map { try ServiceConfig(json: $0) } ?? defaultServiceConfig
            policy = try ChannelCore.policy(of: config, custom: configuration.loadBalancers)
        } catch {
            connectionEvent(.serviceConfigRejected((error as? RPCError)?.message ?? "\(error)"), peer: settings.authority)
            return
        }
        resolverConfigText = text
        serviceConfig.withLock { $0 = config }
        hasMethodConfigs.store(!config.methodConfigs.isEmpty, ordering: .relaxed)
        throttle = config.retryThrottling.map(RetryThrottle.init)
        guard policy.0.name != balancerFactory.name || policy.1 != balancerConfig else { return }
        // A new policy: a new balancer over the same addresses.
        do {
            let replacement = try policy.0.makeBalancer(configJSON: policy.1, controller: controller)
            // The old one's subchannel callbacks, as it shuts down, go to the new one, which ignores them.
            let old = balancer
            balancer = replacement
            old?.shutdown()
            balancerFactory = policy.0
            balancerConfig = policy.1
            if let addresses { replacement.update(addresses: addresses) }
        } catch {
            connectionEvent(.serviceConfigRejected((error as? RPCError)?.message ?? "\(error)"), peer: settings.authority)
        }
    }

    // MARK: Idle and close

    private func armIdleTimer() {
        guard let timeout = configuration.idleTimeout, !idleTimerArmed else { return }
        idleTimerArmed = true
        let seen = callsStarted
        loop.schedule(at: .now + timeout) { [weak self] in
            guard let self else { return }
            idleTimerArmed = false
            guard state != .shutdown, state != .idle || balancer != nil else { return }
            if callsStarted == seen && waiters.isEmpty && subchannels.allSatisfy({ $0.openStreams == 0 }) {
                goIdle()
            } else {
                armIdleTimer()
            }
        }
    }

    /// No call for the idle timeout: close every connection; the next call resolves and connects again.
    private func goIdle() {
        let current = balancer
        balancer = nil
        current?.shutdown()
        publish(.idle)
    }

    func close() {
        let current = balancer
        balancer = nil
        current?.shutdown()
        for subchannel in subchannels { subchannel.shutdown() }
        publish(.shutdown)
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume(.failure(RPCError(code: .unavailable, message: "the channel is closed"))) }
    }
}

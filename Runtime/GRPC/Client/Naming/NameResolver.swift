/// One address a resolver found, with what it knows of it for the load balancer (a zone, a
/// weight, a replica's name: whatever a custom balancer reads).
public struct ResolvedAddress: Sendable, Hashable, CustomStringConvertible {
    /// Where to connect: a numeric TCP address, a Unix socket, or a server in this process.
    public var address: SocketTarget
    /// Free-form facts about the address, for balancers that use them; built-in ones ignore them.
    public var attributes: [String: String]

    /// An address with the given attributes (none by default).
    public init(_ address: SocketTarget, attributes: [String: String] = [:]) {
        self.address = address
        self.attributes = attributes
    }

    /// The address as `host:port`, `unix:PATH` …
    public var description: String { address.description }
}

/// What a resolver found for a name: the addresses to balance over and, optionally, the
/// service config (JSON, as `Channel(target:serviceConfig:)` takes it) that comes with them.
public struct NameResolution: Sendable, Hashable {
    /// The addresses, in the resolver's order of preference (pick_first tries them in turn).
    public var addresses: [ResolvedAddress]
    /// A service config for the channel; nil keeps the one the channel was given.
    public var serviceConfig: String?

    /// A resolution with these addresses and, optionally, a service config.
    public init(addresses: [ResolvedAddress], serviceConfig: String? = nil) {
        self.addresses = addresses
        self.serviceConfig = serviceConfig
    }
}

/// Finds the addresses behind a channel's target. The channel asks when it first needs a
/// connection, when a connection is lost or cannot be made, and when the idle channel wakes,
/// never more often than `ChannelConfiguration.minimumResolutionInterval` (30 s by default);
/// it asks from a task off the event loops, so `resolve()` may block (getaddrinfo does).
///
/// Plug in your own discovery (a static list, a registry) with `Channel(resolver:…)`:
///
/// ```swift
/// struct Replicas: NameResolver {
///     func resolve() async throws -> NameResolution {
///         NameResolution(addresses: try await registry.lookup("orders").map {
///             ResolvedAddress(.tcp(host: $0.ip, port: $0.port), attributes: ["zone": $0.zone])
///         })
///     }
/// }
/// let channel = try Channel(resolver: Replicas(), authority: "orders")
/// ```
public protocol NameResolver: Sendable {
    /// The addresses now. Throwing (or returning none) fails the calls that cannot wait with
    /// UNAVAILABLE carrying the error's text, and is asked again later.
    func resolve() async throws -> NameResolution
}

/// A resolver whose answer is known without waiting (fixed addresses, a numeric host): the
/// channel takes it on its loop, without a task that a busy concurrency pool would delay.
protocol ImmediateResolver {
    var immediateResolution: NameResolution? { get }
}

/// A resolver with a fixed list of addresses: the one behind `ipv4:`, `ipv6:`, `unix:`,
/// `unix-abstract:` and `inprocess:` targets, and a simple way to balance over known servers
/// (`Channel(resolver: StaticResolver([.tcp(host: "10.0.0.1", port: 443), …]), …)`).
public struct StaticResolver: NameResolver {
    /// The addresses every resolution returns, in this order.
    public let addresses: [ResolvedAddress]

    /// A resolver that always returns `addresses`, attributes and all.
    public init(_ addresses: [ResolvedAddress]) {
        self.addresses = addresses
    }

    /// A resolver that always returns `targets`, with no attributes.
    public init(_ targets: [SocketTarget]) {
        self.init(targets.map { ResolvedAddress($0) })
    }

    /// The fixed addresses (none, when it was given none: the channel then fails calls with
    /// UNAVAILABLE).
    public func resolve() async throws -> NameResolution {
        NameResolution(addresses: addresses)
    }
}

extension StaticResolver: ImmediateResolver {
    var immediateResolution: NameResolution? { NameResolution(addresses: addresses) }
}

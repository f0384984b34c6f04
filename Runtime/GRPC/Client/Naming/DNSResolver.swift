#if canImport(Glibc)
import Glibc
#endif

/// Resolves a host name with the system's resolver (getaddrinfo: /etc/hosts, then DNS as
/// nsswitch.conf says), the resolver behind `dns:` targets. Every address found, IPv4 and IPv6,
/// comes back with the target's port, in getaddrinfo's order of preference.
public struct DNSResolver: NameResolver {
    /// The name to resolve, or a numeric IPv4 or IPv6 address (returned without a lookup).
    public let host: String
    /// The port every resolved address gets.
    public let port: Int

    /// A resolver for `host`, whose addresses all get `port`.
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The addresses now; getaddrinfo blocks, so it runs on a thread of its own. Throws
    /// UNAVAILABLE when the name does not resolve.
    public func resolve() async throws -> NameResolution {
        if let immediateResolution { return immediateResolution }
        var seen: Set<String> = []
        let lookup = self
        let hosts = try await Thread.offload { try lookup.lookUp() }.filter { seen.insert($0).inserted }
        return NameResolution(addresses: hosts.map { ResolvedAddress(.tcp(host: $0, port: port)) })
    }

    /// The numeric hosts getaddrinfo finds (Socket.resolve's lookup), repeats included: it lists
    /// one per socket type it could not rule out, and /etc/hosts may name an address twice.
    private func lookUp() throws -> [String] {
        let hosts = try Socket.resolve(.tcp(host: host, port: port), passive: false).compactMap { address in
            address.withUnsafeBytes { raw in
                NumericHost.text(of: raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length: socklen_t(raw.count))
            }
        }
        guard !hosts.isEmpty else {
            throw RPCError(code: .unavailable, message: "cannot resolve \(host): no IPv4 or IPv6 address")
        }
        return hosts
    }
}

/// Numeric IPv4 and IPv6 addresses in text, as inet_pton reads them.
enum NumericHost {
    /// True for a dotted-quad IPv4 address (`127.0.0.1`; not the short forms `127.1`).
    static func isIPv4(_ text: String) -> Bool {
        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }

    /// True for an IPv6 address without brackets (`::1`), a zone after `%` aside (`fe80::1%eth0`):
    /// getaddrinfo, which connects to it, reads the zone.
    static func isIPv6(_ text: String) -> Bool {
        var address = in6_addr()
        let withoutZone = text.split(separator: "%", maxSplits: 1, omittingEmptySubsequences: false)[0]
        return inet_pton(AF_INET6, String(withoutZone), &address) == 1
    }

    static func isAddress(_ text: String) -> Bool {
        isIPv4(text) || isIPv6(text)
    }

    /// getnameinfo rather than inet_ntop: it keeps a link-local address's zone (`fe80::1%eth0`).
    static func text(of address: UnsafePointer<sockaddr>, length: socklen_t) -> String? {
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else { return nil }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

extension DNSResolver: ImmediateResolver {
    /// A numeric host needs no lookup.
    var immediateResolution: NameResolution? {
        NumericHost.isAddress(host) ? NameResolution(addresses: [ResolvedAddress(.tcp(host: host, port: port))]) : nil
    }
}

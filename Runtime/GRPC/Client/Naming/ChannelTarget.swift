#if canImport(Glibc)
import Glibc
#endif

/// What a channel connects to, in the URI forms of gRPC's naming document (doc/naming.md in
/// grpc/grpc), which every gRPC implementation reads the same way:
///
/// - `dns:[//authority/]host[:port]`, or just `host[:port]` / `[v6]:port`: a name the system
///   resolves (`localhost:50051`, `dns:///api.example.com`). Only an empty authority is taken:
///   names go to getaddrinfo, which asks the resolvers the system is configured with.
/// - `ipv4:addr[:port][,addr[:port],…]` and `ipv6:[addr]:port,…` (or `ipv6:addr`): numeric
///   addresses, no lookup.
/// - `unix:path` (relative or absolute), `unix:///absolute/path`, `unix-abstract:name` (Linux's
///   abstract socket namespace).
/// - `inprocess:name`: a server in this process (see ``SocketTarget/inProcess(name:)``).
///
/// A port left out is 443, as in every gRPC implementation; a text with no scheme this type
/// knows is a DNS name.
public struct ChannelTarget: Sendable, Hashable, CustomStringConvertible {
    private enum Scheme: String, CaseIterable {
        case dns
        case ipv4
        case ipv6
        case unix
        case unixAbstract = "unix-abstract"
        case inProcess = "inprocess"
    }

    /// Why a text is not a target, before it is wrapped in the error that names the text.
    private struct Invalid: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    static let defaultPort = 443

    private let kind: Scheme
    /// For `dns:`, the one name (and port) to resolve; for the others, the fixed addresses.
    let endpoints: [SocketTarget]

    /// `dns`, `ipv4`, `ipv6`, `unix`, `unix-abstract` or `inprocess`.
    public var scheme: String { kind.rawValue }

    /// The `:authority` a client sends: `host:port` for a DNS name (the port included, 443 when
    /// left out), the first address (`127.0.0.1:443`, `[::1]:443`) for `ipv4:`/`ipv6:`, and
    /// `localhost` for a socket or in-process name.
    public var authority: String { endpoints[0].authority }

    /// The name TLS verifies the server's certificate against: the DNS name, the first numeric
    /// address, or `localhost` for a socket or in-process name.
    public var host: String { endpoints[0].host }

    /// The target in canonical form (`dns:///localhost:50051`, `ipv4:127.0.0.1:443`,
    /// `unix:///tmp/a.sock`), which parses back to an equal target.
    public var description: String {
        switch kind {
        case .dns:
            return "dns:///\(endpoints[0])"
        case .ipv4, .ipv6:
            return "\(scheme):" + endpoints.map(\.description).joined(separator: ",")
        case .unix:
            // `unix://` then the absolute path: a path that starts with `//` would read as an authority after `unix:`.
            guard case .unix(let path) = endpoints[0], path.hasPrefix("/") else { return endpoints[0].description }
            return "unix://\(path)"
        case .unixAbstract, .inProcess:
            return endpoints[0].description
        }
    }

    /// Parses `text` in any of the forms above; throws INVALID_ARGUMENT naming the text and
    /// what is wrong with it.
    public init(parsing text: String) throws {
        do {
            (kind, endpoints) = try Self.parse(text)
        } catch let invalid as Invalid {
            throw RPCError(code: .invalidArgument, message: "'\(text)' is not a valid target: \(invalid.reason)")
        }
    }

    /// The target for a socket address: a TCP host becomes `ipv4:`/`ipv6:` when numeric and a
    /// DNS name otherwise (an empty host, which getaddrinfo reads as this machine, becomes
    /// `localhost`); Unix, abstract and in-process targets keep their scheme.
    public init(_ socketTarget: SocketTarget) {
        switch socketTarget {
        case .tcp(let host, let port):
            let host = host.isEmpty ? "localhost" : host
            kind = NumericHost.isIPv4(host) ? .ipv4 : NumericHost.isIPv6(host) ? .ipv6 : .dns
            endpoints = [.tcp(host: host, port: port)]
        case .unix:
            kind = .unix
            endpoints = [socketTarget]
        case .unixAbstract:
            kind = .unixAbstract
            endpoints = [socketTarget]
        case .inProcess:
            kind = .inProcess
            endpoints = [socketTarget]
        }
    }

    /// The resolver for this target: a ``DNSResolver`` for a DNS name, a ``StaticResolver``
    /// with the fixed addresses for the other schemes.
    public func makeResolver() -> any NameResolver {
        if kind == .dns, case .tcp(let host, let port) = endpoints[0] {
            return DNSResolver(host: host, port: port)
        }
        return StaticResolver(endpoints)
    }

    // MARK: - Parsing

    private static func parse(_ text: String) throws -> (Scheme, [SocketTarget]) {
        guard !text.isEmpty else { throw Invalid("it is empty") }
        guard let colon = text.firstIndex(of: ":"), let scheme = Scheme(rawValue: text[..<colon].lowercased()) else {
            if let unknown = uriScheme(of: text) {
                let known = Scheme.allCases.map(\.rawValue).joined(separator: ", ")
                throw Invalid("unknown scheme '\(unknown)' (known: \(known); no scheme means dns)")
            }
            return (.dns, [try hostAndPort(text[...])])
        }
        let rest = text[text.index(after: colon)...]
        switch scheme {
        case .dns:
            return (.dns, [try hostAndPort(try dnsName(rest))])
        case .ipv4:
            return (.ipv4, try addressList(rest, scheme: scheme).map(ipv4Address))
        case .ipv6:
            return (.ipv6, try addressList(rest, scheme: scheme).map(ipv6Address))
        case .unix:
            return (.unix, [.unix(path: try unixPath(rest))])
        case .unixAbstract:
            try checkSocketName(rest, what: "abstract socket name")
            return (.unixAbstract, [.unixAbstract(name: String(rest))])
        case .inProcess:
            guard !rest.isEmpty else { throw Invalid("the in-process server name is empty") }
            return (.inProcess, [.inProcess(name: String(rest))])
        }
    }

    /// `scheme` of a text shaped `scheme://…`, to tell a scheme this type does not know (`xds:///x`)
    /// from a host and port.
    private static func uriScheme(of text: String) -> Substring? {
        guard let colon = text.firstIndex(of: ":"), text[colon...].hasPrefix("://") else { return nil }
        let name = text[..<colon]
        guard let first = name.first, first.isASCII, first.isLetter,
              name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else { return nil }
        return name
    }

    /// Splits `//authority/path` when present; returns the authority (nil without `//`) and the path.
    private static func splitAuthority(_ rest: Substring) -> (authority: Substring?, path: Substring) {
        guard rest.hasPrefix("//") else { return (nil, rest) }
        let afterSlashes = rest.dropFirst(2)
        let slash = afterSlashes.firstIndex(of: "/") ?? afterSlashes.endIndex
        return (afterSlashes[..<slash], afterSlashes[slash...])
    }

    private static func dnsName(_ rest: Substring) throws -> Substring {
        let (authority, path) = splitAuthority(rest)
        if let authority, !authority.isEmpty {
            throw Invalid("a DNS server in the target ('\(authority)') is not supported: names are resolved by the system's "
                          + "resolver (getaddrinfo, as /etc/resolv.conf configures it); write dns:///host[:port]")
        }
        return path.hasPrefix("/") ? path.dropFirst() : path
    }

    /// The comma-separated addresses of `ipv4:` or `ipv6:` (after an optional empty `//` authority).
    private static func addressList(_ rest: Substring, scheme: Scheme) throws -> [Substring] {
        let (authority, path) = splitAuthority(rest)
        if let authority, !authority.isEmpty {
            throw Invalid("\(scheme.rawValue): takes no authority ('\(authority)'), only addresses")
        }
        let list = path.hasPrefix("/") ? path.dropFirst() : path
        guard !list.isEmpty else { throw Invalid("no address after '\(scheme.rawValue):'") }
        let addresses = list.split(separator: ",", omittingEmptySubsequences: false)
        guard !addresses.contains(where: \.isEmpty) else { throw Invalid("an empty address in the list") }
        return addresses
    }

    private static func ipv4Address(_ text: Substring) throws -> SocketTarget {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { throw Invalid("'\(text)' is not an IPv4 address with an optional port") }
        guard NumericHost.isIPv4(String(parts[0])) else {
            throw Invalid("'\(parts[0])' is not a numeric IPv4 address (four decimal bytes: 127.0.0.1)")
        }
        return .tcp(host: String(parts[0]), port: parts.count == 2 ? try port(parts[1]) : defaultPort)
    }

    private static func ipv6Address(_ text: Substring) throws -> SocketTarget {
        let (host, port) = text.hasPrefix("[") ? try bracketed(text) : (text, defaultPort)
        guard NumericHost.isIPv6(String(host)) else {
            throw Invalid("'\(host)' is not a numeric IPv6 address (with a port, in brackets: [::1]:443)")
        }
        return .tcp(host: String(host), port: port)
    }

    /// `[host]` or `[host]:port`.
    private static func bracketed(_ text: Substring) throws -> (Substring, Int) {
        guard let close = text.firstIndex(of: "]") else { throw Invalid("'\(text)' has '[' without ']'") }
        let host = text[text.index(after: text.startIndex)..<close]
        let after = text[text.index(after: close)...]
        if after.isEmpty { return (host, defaultPort) }
        guard after.hasPrefix(":") else { throw Invalid("'\(after)' after ']' is not ':port'") }
        return (host, try port(after.dropFirst()))
    }

    /// A DNS `host[:port]`, `[v6]` or `[v6]:port`; an IPv6 address without brackets takes no port
    /// (its colons would be ambiguous), as in gRPC's own parsers.
    private static func hostAndPort(_ text: Substring) throws -> SocketTarget {
        guard !text.isEmpty else { throw Invalid("no host name") }
        if text.hasPrefix("[") {
            let (host, port) = try bracketed(text)
            guard NumericHost.isIPv6(String(host)) else { throw Invalid("'[\(host)]' does not hold an IPv6 address") }
            return .tcp(host: String(host), port: port)
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count > 2 {
            guard NumericHost.isIPv6(String(text)) else {
                throw Invalid("'\(text)' has more than one ':' and is not an IPv6 address (with a port, in brackets: [::1]:443)")
            }
            return .tcp(host: String(text), port: defaultPort)
        }
        let host = parts[0]
        guard !host.isEmpty else { throw Invalid("no host name before ':'") }
        if let bad = host.first(where: { $0.isWhitespace || $0.unicodeScalars.contains { $0.value < 0x20 } || "/?#@[]\\".contains($0) }) {
            throw Invalid("the host name '\(host)' contains '\(bad)'")
        }
        return .tcp(host: String(host), port: parts.count == 2 ? try port(parts[1]) : defaultPort)
    }

    private static func port(_ text: Substring) throws -> Int {
        guard !text.isEmpty else { throw Invalid("the port after ':' is empty") }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text) else {
            throw Invalid("the port '\(text)' is not a number")
        }
        guard (1...65535).contains(port) else { throw Invalid("the port \(text) is not in 1...65535") }
        return port
    }

    /// `unix:path` takes the path as written; `unix://` must be followed by an empty authority
    /// and an absolute path (three slashes in all).
    private static func unixPath(_ rest: Substring) throws -> String {
        let (authority, path) = splitAuthority(rest)
        if let authority, !authority.isEmpty {
            throw Invalid("unix:// takes an empty authority then an absolute path (unix:///tmp/a.sock), not '\(authority)'")
        }
        try checkSocketName(path, what: "socket path")
        return String(path)
    }

    /// The bytes `sockaddr_un` holds for a path, its terminating NUL included.
    private static let socketPathRoom = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    /// A socket path (or abstract name) fits `sockaddr_un` beside its NUL terminator (or the
    /// abstract namespace's leading NUL), and holds no NUL of its own.
    private static func checkSocketName(_ name: Substring, what: String) throws {
        guard !name.isEmpty else { throw Invalid("the \(what) is empty") }
        guard !name.utf8.contains(0) else { throw Invalid("the \(what) contains a NUL byte") }
        guard name.utf8.count < socketPathRoom else {
            throw Invalid("the \(what) is \(name.utf8.count) bytes, more than \(socketPathRoom - 1)")
        }
    }
}

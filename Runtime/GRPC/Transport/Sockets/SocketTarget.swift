import SwiftProto
#if canImport(Glibc)
import Glibc
#endif

/// Where to listen or connect: a TCP host and port, a Unix domain socket (by path, or by name in
/// Linux's abstract namespace), or the name of a server in this process.
public enum SocketTarget: Sendable, Hashable, CustomStringConvertible {
    /// A TCP address: a host name (resolved, IPv4 and IPv6), an IPv4 address, or an IPv6
    /// address without brackets. Port 0 asks a server for any free port.
    case tcp(host: String, port: Int)
    /// A Unix domain socket at `path`.
    case unix(path: String)
    /// A Unix domain socket in Linux's abstract namespace: a name with no file behind it (none to
    /// clean up, and no file permissions: any local process may connect). The name excludes
    /// the leading NUL the kernel uses to mark the namespace.
    case unixAbstract(name: String)
    /// A server in this process, by the name it was started with (`server.start(.inProcess(name:))`):
    /// HTTP/2 as over a socket, with no socket (see ``Server/inProcessChannel(configuration:)``).
    case inProcess(name: String)

    /// Parses `host:port`, `[v6]:port`, `unix:PATH`, `unix://PATH`, `unix-abstract:NAME` or
    /// `inprocess:NAME`.
    public init?(_ text: String) {
        if text.hasPrefix("unix-abstract:") {
            let name = text.dropFirst(14)
            guard !name.isEmpty else { return nil }
            self = .unixAbstract(name: String(name))
        } else if text.hasPrefix("inprocess:") {
            let name = text.dropFirst(10)
            guard !name.isEmpty else { return nil }
            self = .inProcess(name: String(name))
        } else if text.hasPrefix("unix://") {
            self = .unix(path: String(text.dropFirst(7)))
        } else if text.hasPrefix("unix:") {
            self = .unix(path: String(text.dropFirst(5)))
        } else if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (0...65535).contains(port) else { return nil }
            self = .tcp(host: host, port: port)
        } else if let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]), (0...65535).contains(port) {
            self = .tcp(host: String(text[..<colon]), port: port)
        } else {
            return nil
        }
    }

    /// `host:port`, `[v6]:port`, `unix:PATH`, `unix-abstract:NAME` or `inprocess:NAME`, as
    /// ``init(_:)`` reads it.
    public var description: String {
        switch self {
        case .tcp(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return "unix:\(path)"
        case .unixAbstract(let name): return "unix-abstract:\(name)"
        case .inProcess(let name): return "inprocess:\(name)"
        }
    }

    /// The host name or address (for TLS: the name the server's certificate must carry).
    var host: String {
        switch self {
        case .tcp(let host, _): return host
        case .unix, .unixAbstract, .inProcess: return "localhost"
        }
    }

    var port: Int? {
        if case .tcp(_, let port) = self { return port }
        return nil
    }

    /// The `:authority` a client sends.
    var authority: String {
        switch self {
        case .tcp: return description
        case .unix, .unixAbstract, .inProcess: return "localhost"
        }
    }
}

/// A method as interceptors see it: its `:path` and its kind.
public struct MethodDescriptor: Sendable, Hashable, CustomStringConvertible {
    /// The full method path, `/package.Service/Method`.
    public let path: String
    /// How many messages go each way.
    public let kind: CallKind

    /// The method at `path` (`/package.Service/Method`).
    public init(path: String, kind: CallKind) {
        self.path = path
        self.kind = kind
    }

    /// The fully qualified service name, `package.Service` (OpenTelemetry's `rpc.service`);
    /// the whole path, less its slashes, when it has no second slash.
    public var service: String {
        let name = path.utf8.first == UInt8(ascii: "/") ? path.dropFirst() : Substring(path)
        guard let slash = name.lastIndex(of: "/") else { return String(name) }
        return String(name[..<slash])
    }

    /// The method's name, `Method` (OpenTelemetry's `rpc.method`); empty when the path has no
    /// second slash.
    public var method: String {
        let name = path.utf8.first == UInt8(ascii: "/") ? path.dropFirst() : Substring(path)
        guard let slash = name.lastIndex(of: "/") else { return "" }
        return String(name[name.index(after: slash)...])
    }

    /// The path.
    public var description: String { path }
}

/// Field masks from paths, and the set operations that merging and update APIs use. Paths are
/// proto field names joined by dots (`user.display_name`); a path covers every path below it.
extension Google_Protobuf_FieldMask {
    /// A mask of the given paths, as they are (see ``canonical`` to tidy them).
    public init(protoPaths: [String]) {
        self.init()
        paths = protoPaths
    }

    /// A mask of the given paths: `Google_Protobuf_FieldMask(protoPaths: "user.name", "user.email")`.
    public init(protoPaths: String...) {
        self.init(protoPaths: protoPaths)
    }

    /// From JSON's lowerCamelCase paths (`user.displayName`); nil when one has no proto form.
    public init?(jsonPaths: String...) {
        var converted: [String] = []
        for path in jsonPaths {
            guard let proto = WellKnownJSON.protoPath(Substring(path)), WellKnownJSON.jsonPath(proto) == path else { return nil }
            converted.append(proto)
        }
        self.init(protoPaths: converted)
    }

    /// The paths sorted, without duplicates and without paths that another one covers.
    public var canonical: Self {
        var kept: [String] = []
        for path in Set(paths).sorted() where !kept.contains(where: { Self.covers($0, path) }) {
            kept.append(path)
        }
        return Self(protoPaths: kept)
    }

    /// Whether `path` is one of the paths or lies below one.
    public func contains(_ path: String) -> Bool {
        paths.contains { Self.covers($0, path) }
    }

    /// Every path of either mask.
    public func union(_ other: Self) -> Self {
        Self(protoPaths: paths + other.paths).canonical
    }

    /// What both masks cover.
    public func intersect(_ other: Self) -> Self {
        var common: [String] = []
        for path in paths + other.paths where contains(path) && other.contains(path) {
            common.append(path)
        }
        return Self(protoPaths: common).canonical
    }

    /// The paths of this mask that `other` does not cover.
    public func subtract(_ other: Self) -> Self {
        Self(protoPaths: canonical.paths.filter { !other.contains($0) })
    }

    /// `a` covers `a` and `a.b`, not `ab`.
    static func covers(_ parent: String, _ path: String) -> Bool {
        path == parent || (path.hasPrefix(parent) && path.utf8.dropFirst(parent.utf8.count).first == UInt8(ascii: "."))
    }
}

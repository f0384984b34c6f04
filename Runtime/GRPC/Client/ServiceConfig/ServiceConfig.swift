import SwiftProto

/// A gRPC service config: the JSON a name resolver or the user hands a channel to choose its load
/// balancing policy and to set per-method timeouts, limits and retries (grpc's
/// `service_config.proto`, doc/service_config.md, gRFC A6 for retries and hedging).
///
/// ```swift
/// let config = try ServiceConfig(json: """
///     {"loadBalancingConfig": [{"round_robin": {}}],
///      "methodConfig": [{"name": [{"service": "echo.Echo"}], "timeout": "2s"}]}
///     """)
/// config.methodConfig(forPath: "/echo.Echo/Get")?.timeout  // 2 seconds
/// ```
///
/// Members it does not know are ignored, as gRPC ignores them (configs gain fields over time);
/// a known member of the wrong type or out of range is an error naming it.
public struct ServiceConfig: Sendable, Hashable {
    /// `loadBalancingConfig` in order: each entry is a policy name and its JSON config object as
    /// text (name `round_robin`, config `{}`); the channel uses the first policy it knows. When
    /// the JSON has only the deprecated string `loadBalancingPolicy` (`"ROUND_ROBIN"`,
    /// `"round_robin"`, any case), one entry with that name lowercased and config `{}`.
    public var loadBalancingConfig: [LoadBalancingConfigEntry] = []
    /// `methodConfig` in order. Changing it re-indexes ``methodConfig(forPath:)``; a name listed
    /// twice then goes to the first entry that lists it (the JSON parser refuses it instead).
    public var methodConfigs: [MethodConfig] = [] {
        didSet { lookup = MethodConfigLookup(methodConfigs) }
    }
    /// `retryThrottling`, the channel-wide limit on retries and hedges; nil for none.
    public var retryThrottling: RetryThrottling?

    private var lookup = MethodConfigLookup([])

    /// An empty config (no policy, no method config).
    public init() {}

    /// Parses the JSON text.
    ///
    /// - Throws: ``RPCError`` with ``StatusCode/invalidArgument`` and a message that starts with
    ///   `service config:` and names the field path at fault,
    ///   `service config: methodConfig[0].retryPolicy.maxAttempts: must be at least 2, not 1`.
    public init(json: String) throws {
        let root: Google_Protobuf_Value
        do {
            root = try Google_Protobuf_Value(jsonString: json)
        } catch let error as JSONDecodingError {
            throw RPCError(code: .invalidArgument, message: "service config: invalid JSON: \(error.reason) at offset \(error.offset)")
        } catch {
            throw RPCError(code: .invalidArgument, message: "service config: invalid JSON: \(error)")
        }
        try self.init(reading: ServiceConfigReader(root: root))
    }

    /// The method config that applies to a call on `path` (`"/package.Service/Method"`): the one
    /// naming the service and method, else the one naming the service (method absent or empty),
    /// else the default (a name with neither, or an empty service). nil when none applies.
    public func methodConfig(forPath path: String) -> MethodConfig? {
        lookup.index(forPath: path).map { methodConfigs[$0] }
    }
}

/// One entry of `loadBalancingConfig`: `{"round_robin": {}}` is name `round_robin`, config `{}`.
public struct LoadBalancingConfigEntry: Sendable, Hashable {
    /// The policy's registered name, `pick_first`, `round_robin`.
    public var name: String
    /// The policy's config, a JSON object as text (members sorted by name).
    public var configJSON: String

    /// An entry for policy `name` configured by the JSON object `configJSON`.
    public init(name: String, configJSON: String) {
        self.name = name
        self.configJSON = configJSON
    }
}

extension ServiceConfig {
    private init(reading root: ServiceConfigReader) throws {
        _ = try root.object()
        try readLoadBalancing(root)
        if let list = try root.member("methodConfig") {
            methodConfigs = try list.elements().map(MethodConfig.init(reading:))
            lookup = try MethodConfigLookup(methodConfigs) { entry, name, earlier in
                let duplicate = methodConfigs[entry].names[name]
                throw ServiceConfigReader.error(at: "methodConfig[\(entry)].name[\(name)]",
                                                "duplicate name \(duplicate.quoted) (first in methodConfig[\(earlier)])")
            }
        }
        retryThrottling = try root.member("retryThrottling").map(RetryThrottling.init(reading:))
    }

    /// `loadBalancingConfig` when it is there, else the deprecated `loadBalancingPolicy`; both
    /// are checked when both are there.
    private mutating func readLoadBalancing(_ root: ServiceConfigReader) throws {
        var policyName: String?
        if let policy = try root.member("loadBalancingPolicy") {
            let name = try policy.string()
            guard !name.isEmpty else { throw policy.error("must not be empty") }
            policyName = name.lowercased()
        }
        if let list = try root.member("loadBalancingConfig") {
            let entries = try list.elements()
            // gRPC refuses a list with no policy it can use; an empty one has none at all.
            guard !entries.isEmpty else { throw list.error("must not be empty") }
            loadBalancingConfig = try entries.map(LoadBalancingConfigEntry.init(reading:))
        } else if let policyName {
            loadBalancingConfig = [LoadBalancingConfigEntry(name: policyName, configJSON: "{}")]
        }
    }
}

extension LoadBalancingConfigEntry {
    init(reading reader: ServiceConfigReader) throws {
        let (policy, config) = try reader.soleMember()
        guard !policy.isEmpty else { throw reader.error("the policy name must not be empty") }
        _ = try config.object()
        var options = JSONEncodingOptions()
        options.useDeterministicOrdering = true
        do {
            configJSON = try config.value.structValue.jsonString(options: options)
        } catch {
            throw config.error("has no JSON form: \(error)")
        }
        name = policy
    }
}

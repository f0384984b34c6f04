/// Settings for the calls of the methods a service config's `methodConfig` entry names: their
/// timeout, wait-for-ready, message size limits, and retry or hedging policy. A field left nil
/// leaves the channel's or the call's own setting in place.
public struct MethodConfig: Sendable, Hashable {
    /// The methods an entry applies to: one method of a service, every method of a service
    /// (no method, or an empty one), or every method of every service (no service, or an empty
    /// one: the default entry).
    public struct Name: Sendable, Hashable {
        /// The fully qualified service, `package.Service`; nil or empty for the default entry.
        public var service: String?
        /// The method within it, `Method`; nil or empty for all of the service's methods.
        public var method: String?

        /// A name matching `method` of `service`, all of `service`'s methods (`method` nil), or
        /// all methods (both nil).
        public init(service: String? = nil, method: String? = nil) {
            self.service = service
            self.method = method
        }
    }

    /// The methods this entry applies to.
    public var names: [Name]
    /// The longest a call may take; a call's own shorter deadline still wins.
    public var timeout: Duration?
    /// Whether calls wait for a connection instead of failing at once while there is none.
    public var waitForReady: Bool?
    /// The largest request message the client sends, in bytes.
    public var maxRequestMessageBytes: Int?
    /// The largest response message the client accepts, in bytes.
    public var maxResponseMessageBytes: Int?
    /// How failed calls are retried; never set together with ``hedgingPolicy``.
    public var retryPolicy: RetryPolicy?
    /// How calls are hedged; never set together with ``retryPolicy``.
    public var hedgingPolicy: HedgingPolicy?

    /// An entry for `names` with the given settings, taken as given.
    public init(names: [Name] = [], timeout: Duration? = nil, waitForReady: Bool? = nil,
                maxRequestMessageBytes: Int? = nil, maxResponseMessageBytes: Int? = nil,
                retryPolicy: RetryPolicy? = nil, hedgingPolicy: HedgingPolicy? = nil) {
        self.names = names
        self.timeout = timeout
        self.waitForReady = waitForReady
        self.maxRequestMessageBytes = maxRequestMessageBytes
        self.maxResponseMessageBytes = maxResponseMessageBytes
        self.retryPolicy = retryPolicy
        self.hedgingPolicy = hedgingPolicy
    }
}

extension MethodConfig {
    init(reading reader: ServiceConfigReader) throws {
        self.init()
        if let names = try reader.member("name") {
            self.names = try names.elements().map(Name.init(reading:))
        }
        if let timeout = try reader.member("timeout") {
            let limit = try timeout.duration()
            guard limit >= .zero else { throw timeout.error("must not be negative") }
            self.timeout = limit
        }
        waitForReady = try reader.member("waitForReady")?.bool()
        maxRequestMessageBytes = try reader.member("maxRequestMessageBytes")?.byteCount()
        maxResponseMessageBytes = try reader.member("maxResponseMessageBytes")?.byteCount()
        retryPolicy = try reader.member("retryPolicy").map(RetryPolicy.init(reading:))
        if let hedging = try reader.member("hedgingPolicy") {
            // A6: the two are different ways to send a call more than once; a method gets one.
            guard retryPolicy == nil else { throw hedging.error("cannot be set together with retryPolicy") }
            hedgingPolicy = try HedgingPolicy(reading: hedging)
        }
    }
}

extension MethodConfig.Name {
    init(reading reader: ServiceConfigReader) throws {
        service = try reader.member("service")?.string()
        method = try reader.member("method")?.string()
        if service == nil, method != nil {
            throw reader.error("names a method without a service")
        }
    }

    /// `"package.Service/Method"`, `"package.Service/*"` or `the default (no service)`, for
    /// error messages.
    var quoted: String {
        guard let service, !service.isEmpty else { return "the default (no service)" }
        guard let method, !method.isEmpty else { return "\"\(service)/*\"" }
        return "\"\(service)/\(method)\""
    }
}

extension ServiceConfigReader {
    /// A message size: a non-negative integer, as a number or (ProtoJSON's form for 64-bit
    /// integers) a string of digits.
    fileprivate func byteCount() throws -> Int {
        let count = try integer()
        guard count >= 0 else { throw error("must not be negative, not \(count)") }
        return count
    }
}

/// Which method config applies to a call path, found by hashing: it is looked up on every call.
/// Precedence, as in gRPC: the entry naming the service and method, else the one naming the
/// service alone, else the default entry.
struct MethodConfigLookup: Sendable, Hashable {
    /// `/package.Service/Method` to its entry's index.
    private var byMethodPath: [String: Int] = [:]
    /// `/package.Service/` to its entry's index, matched against a call path up to its last `/`.
    private var byServicePrefix: [Substring: Int] = [:]
    private var defaultIndex: Int?

    /// The lookup for `configs`; a name listed twice goes to the first entry that lists it.
    init(_ configs: [MethodConfig]) {
        self.init(configs, duplicate: { _, _, _ in })
    }

    /// The lookup for `configs`. A name that an earlier entry already claimed goes to
    /// `duplicate` (with its entry's index, the name's index within it and the earlier entry's
    /// index), which may throw; otherwise the first claim stands.
    init(_ configs: [MethodConfig], duplicate: (_ entry: Int, _ name: Int, _ earlier: Int) throws -> Void) rethrows {
        for (entry, config) in configs.enumerated() {
            for (nameIndex, name) in config.names.enumerated() {
                let earlier: Int?
                if let service = name.service, !service.isEmpty {
                    if let method = name.method, !method.isEmpty {
                        earlier = Self.claim(&byMethodPath, "/\(service)/\(method)", for: entry)
                    } else {
                        earlier = Self.claim(&byServicePrefix, Substring("/\(service)/"), for: entry)
                    }
                } else {
                    earlier = defaultIndex
                    if earlier == nil { defaultIndex = entry }
                }
                if let earlier { try duplicate(entry, nameIndex, earlier) }
            }
        }
    }

    /// The index of the entry that applies to `path` (`/package.Service/Method`).
    func index(forPath path: String) -> Int? {
        if let index = byMethodPath[path] { return index }
        if let slash = path.lastIndex(of: "/"), let index = byServicePrefix[path[...slash]] { return index }
        return defaultIndex
    }

    /// Records `key` for `entry` unless it is taken; returns the entry that took it first.
    private static func claim<Key: Hashable>(_ table: inout [Key: Int], _ key: Key, for entry: Int) -> Int? {
        if let earlier = table[key] { return earlier }
        table[key] = entry
        return nil
    }
}

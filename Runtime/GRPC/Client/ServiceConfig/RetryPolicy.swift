/// How a method's failed calls are retried (gRFC A6): up to `maxAttempts` attempts in all, the
/// n-th retry after a random delay in `0 ..< min(initialBackoff × backoffMultiplier^(n-1), maxBackoff)`,
/// and only for the status codes listed.
///
/// ```json
/// "retryPolicy": {
///   "maxAttempts": 4, "initialBackoff": "0.1s", "maxBackoff": "1s",
///   "backoffMultiplier": 2, "retryableStatusCodes": ["UNAVAILABLE"]
/// }
/// ```
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included; at least 2. A config asking for more than 5 gets 5,
    /// as A6 caps it.
    public var maxAttempts: Int
    /// The bound on the random delay before the first retry; greater than zero.
    public var initialBackoff: Duration
    /// The cap on that bound as it grows; greater than zero.
    public var maxBackoff: Duration
    /// How much the bound grows per retry; greater than zero.
    public var backoffMultiplier: Double
    /// The statuses that are worth another attempt; never empty, never OK.
    public var retryableStatusCodes: Set<StatusCode>

    /// A policy with these values, taken as given (``ServiceConfig/init(json:)`` checks the
    /// limits above for policies it reads).
    public init(maxAttempts: Int, initialBackoff: Duration, maxBackoff: Duration, backoffMultiplier: Double,
                retryableStatusCodes: Set<StatusCode>) {
        self.maxAttempts = maxAttempts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.backoffMultiplier = backoffMultiplier
        self.retryableStatusCodes = retryableStatusCodes
    }
}

/// Hedging (gRFC A6): up to `maxAttempts` copies of a call sent `hedgingDelay` apart without
/// waiting for the earlier ones to fail; the first to succeed wins. A status in
/// `nonFatalStatusCodes` lets the remaining copies go on; any other ends the call.
public struct HedgingPolicy: Sendable, Hashable {
    /// Copies in all, the first included; at least 2, and at most 5 (more is read as 5).
    public var maxAttempts: Int
    /// The time between sending one copy and the next; zero (the default) sends them all at once.
    public var hedgingDelay: Duration
    /// The statuses after which the other copies carry on; may be empty.
    public var nonFatalStatusCodes: Set<StatusCode>

    /// A policy with these values, taken as given.
    public init(maxAttempts: Int, hedgingDelay: Duration = .zero, nonFatalStatusCodes: Set<StatusCode> = []) {
        self.maxAttempts = maxAttempts
        self.hedgingDelay = hedgingDelay
        self.nonFatalStatusCodes = nonFatalStatusCodes
    }
}

/// The channel-wide brake on retries and hedges (gRFC A6): a token count that starts at
/// `maxTokens`, loses 1 per failed attempt and gains `tokenRatio` per success; while it is at or
/// below half of `maxTokens` no call is retried or hedged.
public struct RetryThrottling: Sendable, Hashable {
    /// The tokens the channel starts with and never exceeds; 1 to 1000.
    public var maxTokens: Int
    /// The tokens a success gives back; greater than zero, with at most three decimal places
    /// (gRPC drops the rest).
    public var tokenRatio: Double

    /// Throttling with these values, taken as given.
    public init(maxTokens: Int, tokenRatio: Double) {
        self.maxTokens = maxTokens
        self.tokenRatio = tokenRatio
    }
}

/// A6 allows no more, whatever the config says.
private let maximumAttempts = 5

extension RetryPolicy {
    init(reading reader: ServiceConfigReader) throws {
        let attempts = try reader.requiredMember("maxAttempts")
        maxAttempts = try attempts.attemptCount()
        let initial = try reader.requiredMember("initialBackoff")
        initialBackoff = try initial.duration()
        guard initialBackoff > .zero else { throw initial.error("must be greater than 0s") }
        let maximum = try reader.requiredMember("maxBackoff")
        maxBackoff = try maximum.duration()
        guard maxBackoff > .zero else { throw maximum.error("must be greater than 0s") }
        let multiplier = try reader.requiredMember("backoffMultiplier")
        backoffMultiplier = try multiplier.number()
        guard backoffMultiplier > 0 else { throw multiplier.error("must be greater than 0") }
        let codes = try reader.requiredMember("retryableStatusCodes")
        retryableStatusCodes = try codes.statusCodeSet()
        guard !retryableStatusCodes.isEmpty else { throw codes.error("must not be empty") }
    }
}

extension HedgingPolicy {
    init(reading reader: ServiceConfigReader) throws {
        maxAttempts = try reader.requiredMember("maxAttempts").attemptCount()
        hedgingDelay = .zero
        if let delay = try reader.member("hedgingDelay") {
            hedgingDelay = try delay.duration()
            guard hedgingDelay >= .zero else { throw delay.error("must not be negative") }
        }
        nonFatalStatusCodes = try reader.member("nonFatalStatusCodes")?.statusCodeSet() ?? []
    }
}

extension RetryThrottling {
    init(reading reader: ServiceConfigReader) throws {
        let tokens = try reader.requiredMember("maxTokens")
        maxTokens = try tokens.integer()
        guard (1...1000).contains(maxTokens) else { throw tokens.error("must be from 1 to 1000, not \(maxTokens)") }
        let ratio = try reader.requiredMember("tokenRatio")
        let exactRatio = try ratio.number()
        // gRPC counts in thousandths of a token and drops further digits. The nudge keeps a
        // ratio such as 0.29, which a double holds as 0.28999…, at 290 thousandths.
        let thousandths = (exactRatio * 1000 + 1e-6).rounded(.down)
        guard thousandths >= 1 else { throw ratio.error("must be at least 0.001, not \(exactRatio)") }
        tokenRatio = thousandths / 1000
    }
}

extension ServiceConfigReader {
    /// `maxAttempts`: at least 2; above A6's cap of 5 it is read as 5, as gRPC does.
    fileprivate func attemptCount() throws -> Int {
        let attempts = try integer()
        guard attempts >= 2 else { throw error("must be at least 2, not \(attempts)") }
        return min(attempts, maximumAttempts)
    }

    /// A list of status codes. OK is refused: it is never a failure, so listing it can only be a
    /// mistake (gRPC C++ accepts it and never acts on it).
    fileprivate func statusCodeSet() throws -> Set<StatusCode> {
        var codes = Set<StatusCode>()
        for element in try elements() {
            let code = try element.statusCode()
            guard code != .ok else { throw element.error("OK is not a failure and cannot be listed") }
            codes.insert(code)
        }
        return codes
    }
}

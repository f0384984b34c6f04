/// gRPC's retry throttling (A6): a token bucket per channel. Each call or attempt that fails
/// with a retryable (or, for hedging, non-fatal) code takes a token, each success gives back
/// `tokenRatio`; while half the tokens or fewer are left, failed calls are not retried and no
/// further hedges go out. Loop-confined.
final class RetryThrottle {
    private let maxTokens: Double
    private let tokenRatio: Double
    private var tokens: Double

    init(_ config: RetryThrottling) {
        maxTokens = Double(config.maxTokens)
        tokenRatio = config.tokenRatio
        tokens = maxTokens
    }

    var allowsRetry: Bool { tokens > maxTokens / 2 }

    func recordFailure() {
        tokens = max(0, tokens - 1)
    }

    func recordSuccess() {
        tokens = min(maxTokens, tokens + tokenRatio)
    }
}

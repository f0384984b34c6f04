/// gRPC's connection backoff (doc/connection-backoff.md): 1 s, ×1.6, up to 120 s, ±20 % jitter.
struct Backoff {
    var initial: Duration = .seconds(1)
    var multiplier = 1.6
    var maximum: Duration = .seconds(120)
    var jitter = 0.2

    func delay(afterFailures failures: Int) -> Duration {
        var seconds = Double(GRPCTimeout.nanosecondsOf(initial)) / 1e9
        let cap = Double(GRPCTimeout.nanosecondsOf(maximum)) / 1e9
        for _ in 1..<max(1, failures) { seconds = min(cap, seconds * multiplier) }
        seconds *= 1 + Double.random(in: -jitter...jitter)
        return .nanoseconds(Int64(seconds * 1e9))
    }
}

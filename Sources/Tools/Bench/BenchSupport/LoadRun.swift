/// What every bench client shares (../shared/bench/CONTRACT.md): the flags, the timing loop
/// with its one-second warm-up, and the JSON line. Each implementation supplies only the calls.
public struct LoadOptions: Sendable {
    public let target: String
    public let workload: String
    public let size: Int
    public let seconds: Int
    public let concurrency: Int
    /// TLS: the CA that signed the server's certificate, and the name to verify it for.
    public let tlsCAFile: String?
    public let serverHostOverride: String?

    public static let workloads = ["unary-latency", "unary-qps", "pingpong", "stream-from-server"]

    /// Parses `--target H:P --workload W --size S --seconds T [--concurrency C]
    /// [--tls_ca_file F [--server_host_override H]]`.
    public init(arguments: [String]) throws {
        var values: [String: String] = [:]
        var index = 0
        while index < arguments.count {
            guard arguments[index].hasPrefix("--"), index + 1 < arguments.count else {
                throw LoadError("unexpected argument '\(arguments[index])'")
            }
            values[String(arguments[index].dropFirst(2))] = arguments[index + 1]
            index += 2
        }
        func number(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = values[name] else { return fallback }
            guard let value = Int(text), value >= 0 else { throw LoadError("--\(name) takes a non-negative number, not '\(text)'") }
            return value
        }
        target = values["target"] ?? "127.0.0.1:50051"
        workload = values["workload"] ?? "unary-latency"
        guard LoadOptions.workloads.contains(workload) else {
            throw LoadError("unknown workload '\(workload)' (\(LoadOptions.workloads.joined(separator: ", ")))")
        }
        size = try number("size", 0)
        seconds = try number("seconds", 5)
        concurrency = try number("concurrency", workload == "unary-qps" ? 64 : 1)
        tlsCAFile = values["tls_ca_file"]
        serverHostOverride = values["server_host_override"]
    }

    public var hostAndPort: (host: String, port: Int)? {
        guard let colon = target.lastIndex(of: ":"), let port = Int(target[target.index(after: colon)...]) else { return nil }
        return (String(target[..<colon]), port)
    }
}

public struct LoadError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// Counts of one worker, merged at the end.
public struct Tally: Sendable {
    public var operations = 0
    public var payloadBytes = 0
    public var latenciesMicroseconds: [Int] = []

    public init() {}

    public mutating func merge(_ other: Tally) {
        operations += other.operations
        payloadBytes += other.payloadBytes
        latenciesMicroseconds += other.latenciesMicroseconds
    }
}

public struct LoadClock: Sendable {
    public let start = ContinuousClock.now
    public let seconds: Int

    public init(seconds: Int) { self.seconds = seconds }

    /// Measurement starts after a one-second warm-up.
    public var measuring: ContinuousClock.Instant { start + .seconds(1) }
    public var end: ContinuousClock.Instant { measuring + .seconds(seconds) }

    /// Runs `operation` (which returns the payload bytes it received) until the end,
    /// recording operations that start after the warm-up and finish before the end.
    public func repeatedly(_ operation: () async throws -> Int) async throws -> Tally {
        var tally = Tally()
        let measuring = self.measuring
        let end = self.end
        while true {
            let before = ContinuousClock.now
            if before >= end { break }
            let bytes = try await operation()
            let after = ContinuousClock.now
            if before >= measuring && after <= end {
                tally.operations += 1
                tally.payloadBytes += bytes
                tally.latenciesMicroseconds.append(LoadClock.microseconds(after - before))
            }
        }
        return tally
    }

    public static func microseconds(_ duration: Duration) -> Int {
        let (wholeSeconds, attoseconds) = duration.components
        return Int(wholeSeconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    }
}

public enum LoadReport {
    /// The contract's JSON line; latency fields only where per-operation latency was measured.
    public static func jsonLine(impl: String, options: LoadOptions, tally: Tally, perOperationLatency: Bool) -> String {
        var json = "{\"impl\":\"\(impl)\",\"workload\":\"\(options.workload)\",\"size\":\(options.size),"
        json += "\"concurrency\":\(options.concurrency),\"seconds\":\(options.seconds),\"ops\":\(tally.operations),"
        json += "\"ops_per_s\":\(format(Double(tally.operations) / Double(options.seconds))),"
        json += "\"mb_per_s\":\(format(Double(tally.payloadBytes) / Double(options.seconds) / 1_000_000))"
        if perOperationLatency {
            let sorted = tally.latenciesMicroseconds.sorted()
            json += ",\"p50_us\":\(percentile(sorted, 0.5)),\"p90_us\":\(percentile(sorted, 0.9)),\"p99_us\":\(percentile(sorted, 0.99))"
        }
        return json + "}"
    }

    static func percentile(_ sorted: [Int], _ fraction: Double) -> Int {
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }

    static func format(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }
}

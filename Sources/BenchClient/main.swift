import GRPCTestingServices
import ExampleServices
import SwiftGRPC

/// `bench-client --target 127.0.0.1:P --workload W --size S --seconds T [--concurrency C]`:
/// drives a BenchmarkService and prints one JSON line (../shared/bench/CONTRACT.md).
let arguments = ExampleArguments(usage: "bench-client --target HOST:PORT --workload W --size S --seconds T [--concurrency C]")
let workload = arguments.string("workload", default: "unary-latency")
let size = arguments.int("size", default: 0)
let seconds = arguments.int("seconds", default: 5)
let concurrency = arguments.int("concurrency", default: workload == "unary-qps" ? 64 : 1)
let warmUp = Duration.seconds(1)

/// Per-worker results, merged at the end.
struct Tally: Sendable {
    var operations = 0
    var payloadBytes = 0
    var latenciesMicroseconds: [Int] = []

    mutating func merge(_ other: Tally) {
        operations += other.operations
        payloadBytes += other.payloadBytes
        latenciesMicroseconds += other.latenciesMicroseconds
    }
}

let clock = ContinuousClock()

func microseconds(_ duration: Duration) -> Int {
    let (wholeSeconds, attoseconds) = duration.components
    return Int(wholeSeconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
}

/// Runs `operation` until the run ends, recording only after the warm-up.
func measure(start: ContinuousClock.Instant, _ operation: () async throws -> Int) async throws -> Tally {
    var tally = Tally()
    let measuring = start + warmUp
    let end = measuring + .seconds(seconds)
    while true {
        let before = clock.now
        if before >= end { break }
        let bytes = try await operation()
        if before >= measuring {
            tally.operations += 1
            tally.payloadBytes += bytes
            tally.latenciesMicroseconds.append(microseconds(clock.now - before))
        }
    }
    return tally
}

func request() -> Grpc_Testing_SimpleRequest {
    .with {
        $0.responseSize = Int32(size)
        $0.payload.body = [UInt8](repeating: 0, count: size)
    }
}

func run(_ client: Grpc_Testing_BenchmarkService.Client) async throws -> (tally: Tally, perOpLatency: Bool) {
    let start = clock.now
    let message = request()
    switch workload {
    case "unary-latency", "unary-qps":
        let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
            for _ in 0..<max(1, workload == "unary-latency" ? 1 : concurrency) {
                group.addTask {
                    try await measure(start: start) { try await client.unaryCall(message).payload.body.count }
                }
            }
            var total = Tally()
            for try await part in group { total.merge(part) }
            return total
        }
        return (tally, true)
    case "pingpong":
        let call = try await client.streamingCall()
        var responses = call.responses.makeAsyncIterator()
        let tally = try await measure(start: start) {
            try await call.requests.write(message)
            guard let reply = try await responses.next() else { throw RPCError(code: .internalError, message: "stream ended") }
            return reply.payload.body.count
        }
        call.requests.finish()
        call.responses.cancel()
        return (tally, true)
    case "stream-from-server":
        let stream = try await client.streamingFromServer(message)
        var responses = stream.makeAsyncIterator()
        var tally = Tally()
        let measuring = start + warmUp
        let end = measuring + .seconds(seconds)
        while let reply = try await responses.next() {
            let now = clock.now
            if now >= end { break }
            if now >= measuring {
                tally.operations += 1
                tally.payloadBytes += reply.payload.body.count
            }
        }
        stream.cancel()
        return (tally, false)
    default:
        ExampleArguments.fail("unknown workload '\(workload)' (unary-latency, unary-qps, pingpong, stream-from-server)")
    }
}

func percentile(_ sorted: [Int], _ fraction: Double) -> Int {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
}

func format(_ value: Double) -> String {
    String(Double(Int((value * 10).rounded())) / 10)
}

do {
    let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"))
    let client = Grpc_Testing_BenchmarkService.Client(channel: channel)
    let (tally, perOpLatency) = try await run(client)
    channel.close()
    var json = "{\"impl\":\"swiftgrpc\",\"workload\":\"\(workload)\",\"size\":\(size),\"concurrency\":\(concurrency),"
    json += "\"seconds\":\(seconds),\"ops\":\(tally.operations),\"ops_per_s\":\(format(Double(tally.operations) / Double(seconds))),"
    json += "\"mb_per_s\":\(format(Double(tally.payloadBytes) / Double(seconds) / 1_000_000))"
    if perOpLatency {
        let sorted = tally.latenciesMicroseconds.sorted()
        json += ",\"p50_us\":\(percentile(sorted, 0.5)),\"p90_us\":\(percentile(sorted, 0.9)),\"p99_us\":\(percentile(sorted, 0.99))"
    }
    print(json + "}")
} catch {
    ExampleArguments.fail("bench-client: \(error)")
}

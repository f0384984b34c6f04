import BenchSupport
import GRPCTestingServices
import SwiftGRPC

#if canImport(Glibc)
import Glibc
#endif

/// `transport-bench [--seconds T] [--rounds R] [--size S] [--concurrency C] [--server-threads N] [--only tcp|inprocess]`:
/// unary calls per second over the in-process transport and over TCP loopback, to one
/// BenchmarkService in this process (so both pay for the same client, server and HTTP/2 work,
/// and differ only in what carries the bytes). Rounds alternate between the two, each with the
/// contract's one-second warm-up; prints one JSON line per workload and transport (the median
/// round) and one with the ratio in-process / TCP.
///
/// `--server-threads 0` (the default) has the server share the process's loops: an in-process
/// connection then runs both its ends on its channel's loop, and a TCP connection's ends land
/// on one loop or two as the round robin falls. With N > 0 the server has N I/O threads of its
/// own, as a server in another process would, and serves both kinds of connection there.
struct Settings {
    var seconds = 3
    var rounds = 3
    var size = 0
    var concurrency = 64
    var serverThreads = 0
    /// One transport only (for profiling): `tcp` or `inprocess`.
    var only: String?

    init(arguments: [String]) throws {
        var index = 0
        while index < arguments.count {
            if arguments[index] == "--only", index + 1 < arguments.count, ["tcp", "inprocess"].contains(arguments[index + 1]) {
                only = arguments[index + 1]
                index += 2
                continue
            }
            guard index + 1 < arguments.count, let value = Int(arguments[index + 1]), value >= 0 else {
                throw LoadError("usage: transport-bench [--seconds T] [--rounds R] [--size S] [--concurrency C] [--server-threads N] [--only tcp|inprocess]")
            }
            switch arguments[index] {
            case "--seconds": seconds = value
            case "--rounds": rounds = value
            case "--size": size = value
            case "--concurrency": concurrency = value
            case "--server-threads": serverThreads = value
            default: throw LoadError("unknown flag '\(arguments[index])'")
            }
            index += 2
        }
        guard seconds > 0, rounds > 0, concurrency > 0 else { throw LoadError("--seconds, --rounds and --concurrency take at least 1") }
    }
}

/// One measured round: calls per second and latency percentiles in microseconds.
struct Round {
    let callsPerSecond: Double
    let p50: Int
    let p99: Int
}

func measure(_ channel: Channel, workers: Int, settings: Settings) async throws -> Round {
    let client = Grpc_Testing_BenchmarkService.Client(channel: channel)
    let request = Grpc_Testing_SimpleRequest.with {
        $0.responseSize = Int32(settings.size)
        $0.payload.body = [UInt8](repeating: 0, count: settings.size)
    }
    let clock = LoadClock(seconds: settings.seconds)
    let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
        for _ in 0..<workers {
            // As bench-client does: workers that only await run on the channel's I/O thread.
            group.addTask(executorPreference: channel.executor) {
                try await clock.repeatedly { try await client.unaryCall(request).payload.body.count }
            }
        }
        var total = Tally()
        for try await part in group { total.merge(part) }
        return total
    }
    let sorted = tally.latenciesMicroseconds.sorted()
    func percentile(_ fraction: Double) -> Int {
        sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * fraction))]
    }
    return Round(callsPerSecond: Double(tally.operations) / Double(settings.seconds), p50: percentile(0.5), p99: percentile(0.99))
}

func median(_ rounds: [Round]) -> Round {
    rounds.sorted { $0.callsPerSecond < $1.callsPerSecond }[rounds.count / 2]
}

func rounded(_ value: Double) -> String {
    String(Double(Int((value * 10).rounded())) / 10)
}

do {
    let settings = try Settings(arguments: Array(CommandLine.arguments.dropFirst()))
    // As bench-server runs it: the benchmark handlers only await.
    var configuration = ServerConfiguration()
    configuration.runsHandlersOnEventLoop = true
    configuration.threads = settings.serverThreads > 0 ? settings.serverThreads : nil
    let server = Server(services: [BenchmarkService()], configuration: configuration)
    let port = try await server.start(.tcp(host: "127.0.0.1", port: 0))
    let transports: [(name: String, channel: Channel)] = [
        ("tcp", try Channel(target: .tcp(host: "127.0.0.1", port: port))),
        ("inprocess", try server.inProcessChannel()),
    ]
    for (workload, workers) in [("unary-latency", 1), ("unary-qps", settings.concurrency)] {
        var results: [String: [Round]] = [:]
        for _ in 0..<settings.rounds {
            for transport in transports where settings.only == nil || settings.only == transport.name {
                results[transport.name, default: []].append(try await measure(transport.channel, workers: workers, settings: settings))
            }
        }
        for transport in transports {
            guard let rounds = results[transport.name] else { continue }
            let round = median(rounds)
            print("{\"impl\":\"swiftgrpc\",\"transport\":\"\(transport.name)\",\"workload\":\"\(workload)\",\"size\":\(settings.size),"
                + "\"concurrency\":\(workers),\"server_threads\":\(settings.serverThreads),\"seconds\":\(settings.seconds),\"rounds\":\(settings.rounds),"
                + "\"ops_per_s\":\(rounded(round.callsPerSecond)),\"p50_us\":\(round.p50),\"p99_us\":\(round.p99)}")
        }
        guard let inProcess = results["inprocess"], let tcp = results["tcp"] else { continue }
        let ratio = median(inProcess).callsPerSecond / median(tcp).callsPerSecond
        print("{\"workload\":\"\(workload)\",\"inprocess_over_tcp\":\(String(Double(Int((ratio * 100).rounded())) / 100))}")
    }
    for transport in transports { transport.channel.close() }
    await server.shutdown(grace: .seconds(1))
} catch {
    print("transport-bench: \(error)")
    exit(1)
}

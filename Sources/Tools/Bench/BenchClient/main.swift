import BenchSupport
import ExampleServices
import GRPCTestingServices
import SwiftGRPC

/// `bench-client --target 127.0.0.1:P --workload W --size S --seconds T [--concurrency C]
/// [--tls_ca_file F --server_host_override H]`:
/// drives a BenchmarkService and prints one JSON line (../shared/bench/CONTRACT.md).
func run(_ options: LoadOptions, _ client: Grpc_Testing_BenchmarkService.Client, _ channel: Channel) async throws -> (Tally, Bool) {
    let clock = LoadClock(seconds: options.seconds)
    let request = Grpc_Testing_SimpleRequest.with {
        $0.responseSize = Int32(options.size)
        $0.payload.body = [UInt8](repeating: 0, count: options.size)
    }
    switch options.workload {
    case "unary-latency", "unary-qps":
        let workers = options.workload == "unary-latency" ? 1 : max(1, options.concurrency)
        let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
            for _ in 0..<workers {
                // Workers that only await run on the channel's I/O thread, where the calls'
                // events arrive: no hop per call.
                group.addTask(executorPreference: channel.executor) {
                    try await clock.repeatedly { try await client.unaryCall(request).payload.body.count }
                }
            }
            var total = Tally()
            for try await part in group { total.merge(part) }
            return total
        }
        return (tally, true)
    case "pingpong":
        // The loop only awaits, so it can run on the channel's I/O thread: no hop per reply.
        // (Not for the stream: there decoding 64 KiB messages on the I/O thread would take
        // that work off the second core.)
        return try await withTaskExecutorPreference(channel.executor) {
            let call = try await client.streamingCall()
            var responses = call.responses.makeAsyncIterator()
            let tally = try await clock.repeatedly {
                try await call.requests.write(request)
                guard let reply = try await responses.next() else { throw LoadError("the stream ended") }
                return reply.payload.body.count
            }
            call.requests.finish()
            call.responses.cancel()
            return (tally, true)
        }
    default:
        let stream = try await client.streamingFromServer(request)
        var tally = Tally()
        for try await reply in stream {
            let now = ContinuousClock.now
            if now >= clock.end { break }
            if now >= clock.measuring {
                tally.operations += 1
                tally.payloadBytes += reply.payload.body.count
            }
        }
        stream.cancel()
        return (tally, false)
    }
}

do {
    let options = try LoadOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    var configuration = ChannelConfiguration()
    if let caFile = options.tlsCAFile {
        configuration.tls = ClientTLS(trustRoots: .certificates(.file(caFile)), serverHostnameOverride: options.serverHostOverride)
    }
    let channel = try Channel(target: options.target, configuration: configuration)
    let (tally, perOperation) = try await run(options, Grpc_Testing_BenchmarkService.Client(channel: channel), channel)
    channel.close()
    print(LoadReport.jsonLine(impl: "swiftgrpc", options: options, tally: tally, perOperationLatency: perOperation))
} catch {
    ExampleArguments.fail("bench-client: \(error)")
}

import BenchSupport
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCSwiftBench

#if canImport(Glibc)
import Glibc
#endif

/// grpc-swift-2's load client, with the flags and JSON line of ../shared/bench/CONTRACT.md.
func run(_ options: LoadOptions, _ client: Grpc_Testing_BenchmarkService.Client<HTTP2ClientTransport.Posix>) async throws -> (Tally, Bool) {
    let clock = LoadClock(seconds: options.seconds)
    let request = Grpc_Testing_SimpleRequest.with {
        $0.responseSize = Int32(options.size)
        $0.payload.body = Data(count: options.size)
    }
    switch options.workload {
    case "unary-latency", "unary-qps":
        let workers = options.workload == "unary-latency" ? 1 : max(1, options.concurrency)
        let tally = try await withThrowingTaskGroup(of: Tally.self) { group in
            for _ in 0..<workers {
                group.addTask { try await clock.repeatedly { try await client.unaryCall(request).payload.body.count } }
            }
            var total = Tally()
            for try await part in group { total.merge(part) }
            return total
        }
        return (tally, true)
    case "pingpong":
        // grpc-swift-2 writes requests and reads responses in separate closures: a stream of
        // "go" signals keeps exactly one request in flight. The first request goes at once,
        // since grpc-swift-2 calls onResponse only after the response headers have arrived.
        let (turns, nextTurn) = AsyncStream<Bool>.makeStream()
        let tally = try await client.streamingCall(request: StreamingClientRequest { writer in
            try await writer.write(request)
            for await more in turns {
                guard more else { return }
                try await writer.write(request)
            }
        }) { response in
            var messages = response.messages.makeAsyncIterator()
            var first = true
            let tally = try await clock.repeatedly {
                if !first { nextTurn.yield(true) }
                first = false
                guard let reply = try await messages.next() else { throw LoadError("the stream ended") }
                return reply.payload.body.count
            }
            nextTurn.yield(false)
            nextTurn.finish()
            return tally
        }
        return (tally, true)
    default:
        let tally = try await client.streamingFromServer(request) { response in
            var tally = Tally()
            for try await reply in response.messages {
                let now = ContinuousClock.now
                if now >= clock.end { break }
                if now >= clock.measuring {
                    tally.operations += 1
                    tally.payloadBytes += reply.payload.body.count
                }
            }
            return tally
        }
        return (tally, false)
    }
}

do {
    let options = try LoadOptions(arguments: Array(CommandLine.arguments.dropFirst()))
    guard let (host, port) = options.hostAndPort else { throw LoadError("--target must be host:port") }
    let (tally, perOperation) = try await withGRPCClient(
        transport: try .http2NIOPosix(target: .ipv4(address: host, port: port), transportSecurity: .plaintext)
    ) { grpcClient in
        try await run(options, Grpc_Testing_BenchmarkService.Client(wrapping: grpcClient))
    }
    print(LoadReport.jsonLine(impl: "grpc-swift-2", options: options, tally: tally, perOperationLatency: perOperation))
} catch {
    print("grpc-swift-bench-client: \(error)")
    exit(1)
}

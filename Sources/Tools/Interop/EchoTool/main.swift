import ExampleServices
import SwiftGRPC
import TestMessages
import TestServices

/// The Swift side of the grpcio interop tests (Tests/Python/test_grpc_interop.py).
///
///     echo-tool serve [--host H] [--port N] [--name NAME]
///                                                serves swiftgrpc.test.Echo on H (127.0.0.1),
///                                                prints READY <port>;
///                                                NAME goes out in the header x-served-by
///     echo-tool call --target host:port          runs every call kind against an Echo server;
///                                                exits non-zero with the first mismatch
///     echo-tool watch --target host:port         holds a bidirectional call open and reports
///                                                how it ended: `ENDED <code> <ms> <message>`
///     echo-tool collect --target T [--count N] [--service_config JSON]
///                                                sends N requests (m0 m1 …) on Collect and prints
///                                                `COLLECTED <text>` or `ENDED <code> <message>`
///     echo-tool poll --target T [--calls N] [--interval_ms M] [--min_resolution_interval_ms R]
///                    [--service_config JSON]
///                                                makes N unary calls (wait-for-ready, 5 s each)
///                                                M ms apart on one channel, re-resolving its name
///                                                no more often than every R ms, and prints
///                                                `SERVED <x-served-by>` or `FAILED <code> <message>`
///                                                for each: which replica a name leads to over time
/// The TLS and keepalive flags of TransportFlags apply to every client subcommand.
let usage = "echo-tool serve [--host H] [--port N] [--name NAME] | echo-tool call --target host:port | echo-tool watch --target host:port"
    + " | echo-tool collect --target T [--count N] [--service_config JSON]"
    + " | echo-tool poll --target T [--calls N] [--interval_ms M] [--min_resolution_interval_ms R] [--service_config JSON]"
let all = Array(CommandLine.arguments.dropFirst())
guard let command = all.first else { ExampleArguments.fail(usage) }
let arguments = ExampleArguments(Array(all.dropFirst()), usage: usage)

func check(_ condition: Bool, _ what: @autoclosure () -> String) {
    if !condition { ExampleArguments.fail("echo-tool: \(what())") }
}

func request(_ text: String, count: Int32 = 0, delayMs: Int32 = 0) -> Swiftgrpc_Test_EchoRequest {
    .with {
        $0.text = text
        $0.count = count
        $0.delayMs = delayMs
    }
}

switch command {
case "serve":
    await ExampleServer.run([EchoService(name: arguments.optional("name"))], arguments: arguments, defaultPort: 0)
case "watch":
    do {
        let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"),
                                  configuration: TransportFlags.channelConfiguration(arguments))
        let call = try await Swiftgrpc_Test_Echo.Client(channel: channel).update()
        try await call.requests.write(request("watch"))
        var responses = call.responses.makeAsyncIterator()
        _ = try await responses.next()
        ExampleArguments.say("STARTED")
        let clock = ContinuousClock()
        let started = clock.now
        let ending: String
        do {
            while try await responses.next() != nil {}
            ending = "OK"
        } catch let error as RPCError {
            ending = "\(error.code) \(error.message)"
        }
        let (seconds, attoseconds) = (clock.now - started).components
        let elapsed = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        let words = ending.split(separator: " ", maxSplits: 1)
        ExampleArguments.say("ENDED \(words[0]) \(elapsed) \(words.count > 1 ? words[1] : "")")
    } catch {
        ExampleArguments.fail("echo-tool: \(error)")
    }
case "collect":
    do {
        let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"),
                                  serviceConfig: arguments.optional("service_config"),
                                  configuration: TransportFlags.channelConfiguration(arguments))
        let count = Int(arguments.string("count", default: "3")) ?? 3
        do {
            let response = try await Swiftgrpc_Test_Echo.Client(channel: channel).collect { requests in
                for index in 0..<count { try await requests.write(request("m\(index)")) }
            }
            ExampleArguments.say("COLLECTED \(response.text)")
        } catch let error as RPCError {
            ExampleArguments.say("ENDED \(error.code) \(error.message)")
        }
        channel.close()
    } catch {
        ExampleArguments.fail("echo-tool: \(error)")
    }
case "poll":
    do {
        var configuration = TransportFlags.channelConfiguration(arguments)
        if let interval = arguments.milliseconds("min_resolution_interval_ms") { configuration.minimumResolutionInterval = interval }
        let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"),
                                  serviceConfig: arguments.optional("service_config"), configuration: configuration)
        let calls = arguments.int("calls", default: 10)
        let pause = Duration.milliseconds(arguments.int("interval_ms", default: 100))
        // Waiting for ready: a call made while the channel moves to a new address waits for it
        // rather than failing, so a FAILED line means the move did not happen within 5 s.
        let options = CallOptions(timeout: .seconds(5), waitForReady: true)
        for index in 0..<calls {
            if index > 0 { try await Task.sleep(for: pause) }
            do {
                let reply = try await channel.unary(path: Swiftgrpc_Test_Echo.Method.get, request: request("poll \(index)"),
                                                    as: Swiftgrpc_Test_EchoResponse.self, options: options)
                ExampleArguments.say("SERVED \(reply.headers.firstString(forKey: "x-served-by") ?? "-")")
            } catch let error as RPCError {
                ExampleArguments.say("FAILED \(error.code) \(error.message)")
            }
        }
        channel.close()
    } catch {
        ExampleArguments.fail("echo-tool: \(error)")
    }
case "call":
    do {
        let channel = try Channel(target: arguments.string("target", default: "127.0.0.1:50051"),
                                  configuration: TransportFlags.channelConfiguration(arguments))
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)

        check(try await client.get(request("unary")).text == "unary", "unary echo")

        var expanded: [String] = []
        for try await reply in try await client.expand(request("s", count: 3)) { expanded.append(reply.text) }
        check(expanded == ["s 0", "s 1", "s 2"], "server streaming gave \(expanded)")

        let collected = try await client.collect { requests in
            for word in ["x", "y"] { try await requests.write(request(word)) }
        }
        check(collected.text == "x y", "client streaming gave '\(collected.text)'")

        let bidi = try await client.update()
        var replies = bidi.responses.makeAsyncIterator()
        for word in ["p", "q", "r"] {
            try await bidi.requests.write(request(word))
            let reply = try await replies.next()
            check(reply?.text == word, "bidi reply \(String(describing: reply?.text)) for \(word)")
        }
        bidi.requests.finish()
        check(try await replies.next() == nil, "bidi stream did not end")

        var options = CallOptions()
        options.metadata.addString("value", forKey: "x-echo")
        options.metadata.addBinary([9, 8, 7], forKey: "x-echo-bin")
        let withMetadata = try await channel.unary(path: Swiftgrpc_Test_Echo.Method.get, request: request("m"),
                                                   as: Swiftgrpc_Test_EchoResponse.self, options: options)
        check(withMetadata.headers.firstString(forKey: "x-echo") == "value", "header echo: \(withMetadata.headers)")
        check(withMetadata.trailers.firstBinary(forKey: "x-echo-bin") == [9, 8, 7], "trailer echo: \(withMetadata.trailers)")

        do {
            _ = try await client.get(request("non-ASCII: ünïcödé ✓", count: Int32(StatusCode.failedPrecondition.rawValue)))
            check(false, "an error status was not reported")
        } catch let error as RPCError {
            check(error.code == .failedPrecondition && error.message == "non-ASCII: ünïcödé ✓", "status: \(error)")
        }

        do {
            _ = try await client.get(request("slow", delayMs: 3000), options: CallOptions(timeout: .milliseconds(200)))
            check(false, "the deadline was not enforced")
        } catch let error as RPCError {
            check(error.code == .deadlineExceeded, "deadline: \(error)")
        }
        // Which servers answered (behind a balancing proxy, several).
        var servers: Set<String> = []
        for _ in 0..<6 {
            let reply = try await channel.unary(path: Swiftgrpc_Test_Echo.Method.get, request: request("who"),
                                                as: Swiftgrpc_Test_EchoResponse.self)
            if let name = reply.headers.firstString(forKey: "x-served-by") { servers.insert(name) }
        }
        channel.close()
        print("echo-tool: all calls passed" + (servers.isEmpty ? "" : " (served by \(servers.sorted().joined(separator: ", ")))"))
    } catch {
        ExampleArguments.fail("echo-tool: \(error)")
    }
default:
    ExampleArguments.fail(usage)
}

import SwiftGRPC
import TestMessages
import TestServices
import Testing

@Suite(.timeLimit(.minutes(1)))
struct CallKindsTests {
    @Test(arguments: Transport.allCases)
    func allFourKinds(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            #expect(try await client.get(request("hello")).text == "hello")

            var expanded: [String] = []
            for try await reply in try await client.expand(request("n", count: 5)) {
                expanded.append(reply.text)
            }
            #expect(expanded == ["n 0", "n 1", "n 2", "n 3", "n 4"])

            let collected = try await client.collect { requests in
                for word in ["a", "b", "c"] { try await requests.write(request(word)) }
            }
            #expect(collected.text == "a b c" && collected.index == 3)

            let call = try await client.update()
            var replies = call.responses.makeAsyncIterator()
            for word in ["x", "y", "z"] {
                try await call.requests.write(request(word))
                #expect(try await replies.next()?.text == word)  // one message in flight: ping-pong
            }
            call.requests.finish()
            #expect(try await replies.next() == nil)
            #expect(await call.responses.status().code == .ok)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func emptyStreamsAndLargeMessages(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            var count = 0
            for try await _ in try await client.expand(request("none", count: 0)) { count += 1 }
            #expect(count == 0)
            let empty = try await client.collect { _ in }
            #expect(empty.text == "" && empty.index == 0)
            let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            #expect(try await client.get(request("big", payload: big)).payload == big)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func metadataTravelsBothWays(transport: Transport) async throws {
        try await withEcho(transport: transport) { _, channel, _ in
            var options = CallOptions()
            options.metadata.addString("héllo".unicodeScalars.allSatisfy(\.isASCII) ? "" : "ascii-only", forKey: "x-echo")
            options.metadata.addBinary([0, 1, 2, 0xFF], forKey: "x-echo-bin")
            let response = try await channel.unary(path: Swiftgrpc_Test_Echo.Method.get, request: request("m"),
                                                   as: Swiftgrpc_Test_EchoResponse.self, options: options)
            #expect(response.headers.firstString(forKey: "x-echo") == "ascii-only")
            #expect(response.trailers.firstBinary(forKey: "x-echo-bin") == [0, 1, 2, 0xFF])

            let stream = try await channel.serverStreaming(path: Swiftgrpc_Test_Echo.Method.expand, request: request("s", count: 2),
                                                           as: Swiftgrpc_Test_EchoResponse.self, options: options)
            #expect(try await stream.headers().firstString(forKey: "x-echo") == "ascii-only")
            for try await _ in stream {}
            #expect(await stream.status().trailers.firstBinary(forKey: "x-echo-bin") == [0, 1, 2, 0xFF])
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func reservedOrInvalidMetadataIsRefused(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            for key in ["grpc-status", "content-type", "Bad Key"] {
                var options = CallOptions()
                options.metadata.addString("x", forKey: key)
                let error = await rpcError { _ = try await client.get(request("x"), options: options) }
                #expect(error?.code == .internalError, "\(key)")
            }
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct EventLoopHandlerTests {
    @Test(arguments: Transport.tcpAndInProcess)
    func handlersRunOnTheEventLoopWhenAsked(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.runsHandlersOnEventLoop = true
        try await withEcho(configuration: configuration, transport: transport) { client, _, _ in
            #expect(try await client.get(request("on the loop")).text == "on the loop")
            var replies = 0
            for try await _ in try await client.expand(request("s", count: 50)) { replies += 1 }
            #expect(replies == 50)
            let call = try await client.update()
            var iterator = call.responses.makeAsyncIterator()
            for word in ["a", "b", "c"] {
                try await call.requests.write(request(word))
                #expect(try await iterator.next()?.text == word)
            }
            call.requests.finish()
            #expect(try await iterator.next() == nil)
            let slow = await rpcError {
                _ = try await client.get(request("slow", delayMs: 2000), options: CallOptions(timeout: .milliseconds(100)))
            }
            #expect(slow?.code == .deadlineExceeded)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask { _ = try await client.get(request("\(index)")) }
                }
                try await group.waitForAll()
            }
        }
    }
}

import SwiftGRPC
import TestMessages
import TestServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.timeLimit(.minutes(2)))
struct LifecycleTests {
    @Test func aStoppedServersPortRefusesConnectionsOnceShutdownReturns() async throws {
        for _ in 0..<20 {
            let server = Server(services: [EchoService()])
            let port = try await server.start(.tcp(host: "127.0.0.1", port: 0))
            await server.shutdown(grace: .milliseconds(100))
            // Right away: the listening socket is closed by the time shutdown returns.
            let probe = RawSocket()
            let failure = probe.connect("127.0.0.1", port: port)
            probe.close()
            #expect(failure == ECONNREFUSED, "port \(port) still accepted a connection")
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func deadlineExceeded(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let clock = ContinuousClock()
            let start = clock.now
            let error = await rpcError {
                _ = try await client.get(request("slow", delayMs: 5000), options: CallOptions(timeout: .milliseconds(200)))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(clock.now - start < .seconds(3))
            // The channel still works afterwards.
            let after = try await client.get(request("after"))
            #expect(after.text == "after")
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func aStreamThatOutlivesItsDeadlineEndsDeadlineExceeded(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let stream = try await client.expand(request("tick", count: 500, delayMs: 20), options: CallOptions(timeout: .milliseconds(500)))
            var received = 0
            let error = await rpcError { for try await _ in stream { received += 1 } }
            #expect(error?.code == .deadlineExceeded)
            #expect(received < 500)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func clientCancellationEndsTheCall(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let task = Task { try await client.get(request("slow", delayMs: 10_000)) }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            let result = await task.result
            guard case .failure(let error as RPCError) = result else {
                Issue.record("expected an RPCError, got \(result)")
                return
            }
            #expect(error.code == .cancelled)
            let stream = try await client.expand(request("many", count: 1000, delayMs: 5))
            var iterator = stream.makeAsyncIterator()
            _ = try await iterator.next()
            stream.cancel()
            let after = await rpcError { while try await iterator.next() != nil {} }
            #expect(after?.code == .cancelled)
            let fine = try await client.get(request("still fine"))
            #expect(fine.text == "still fine")
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func thousandUnaryCallsWithAHundredInFlight(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<100 {
                    group.addTask {
                        for index in 0..<10 {
                            let text = "\(worker)-\(index)"
                            let reply = try await client.get(request(text))
                            #expect(reply.text == text)
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func serverGoingAwayMidCallIsUnavailable(transport: Transport) async throws {
        let server = try await TestServer.start(transport: transport)
        let (client, channel) = try server.client()
        let call = Task { try await client.get(request("slow", delayMs: 10_000)) }
        try await Task.sleep(for: .milliseconds(200))
        await server.server.shutdown(grace: .milliseconds(100))
        let result = await call.result
        guard case .failure(let error as RPCError) = result else {
            Issue.record("expected an RPCError, got \(result)")
            return
        }
        #expect(error.code == .unavailable)
        // Nothing listens any more: a new call fails fast, it does not hang.
        let next = await rpcError { _ = try await client.get(request("again")) }
        #expect(next?.code == .unavailable)
        channel.close()
    }

    @Test func unreachableTargetIsUnavailableAndWaitForReadyHonoursTheDeadline() async throws {
        let channel = try Channel(target: .tcp(host: "127.0.0.1", port: 1))
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)
        let fast = await rpcError { _ = try await client.get(request("x")) }
        #expect(fast?.code == .unavailable)
        let waiting = await rpcError {
            _ = try await client.get(request("x"), options: CallOptions(timeout: .milliseconds(300), waitForReady: true))
        }
        #expect(waiting?.code == .deadlineExceeded)
        channel.close()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func gracefulShutdownLetsCallsInFlightFinish(transport: Transport) async throws {
        let server = try await TestServer.start(transport: transport)
        let (client, channel) = try server.client()
        // Connected first, so the slow call is surely in flight when shutdown begins.
        _ = try await client.get(request("warm-up"))
        let call = Task { try await client.get(request("finishing", delayMs: 300)) }
        try await Task.sleep(for: .milliseconds(100))
        await server.server.shutdown(grace: .seconds(5))
        let finished = try await call.value
        #expect(finished.text == "finishing")
        channel.close()
    }
}

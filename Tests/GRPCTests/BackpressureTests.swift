import Synchronization
import SwiftGRPC
import TestMessages
import TestServices
import Testing

/// Echo whose Expand counts the messages its writer has accepted and notes cancellation.
final class CountingEcho: Swiftgrpc_Test_Echo.SimpleServiceProtocol {
    let written = Atomic<Int>(0)
    let cancelled = Atomic<Bool>(false)
    let started = Atomic<Bool>(false)
    let inner = EchoService()

    func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        started.store(true, ordering: .relaxed)
        do {
            return try await inner.get(request: request, context: context)
        } catch {
            if Task.isCancelled { cancelled.store(true, ordering: .relaxed) }
            throw error
        }
    }

    func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        let reply = Swiftgrpc_Test_EchoResponse.with { $0.payload = request.payload }
        for _ in 0..<request.count {
            try await responses.write(reply)
            written.add(1, ordering: .relaxed)
        }
    }

    func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        try await inner.collect(requests: requests, context: context)
    }

    func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        try await inner.update(requests: requests, responses: responses, context: context)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct BackpressureTests {
    @Test(arguments: Transport.tcpAndInProcess)
    func aSlowReaderStopsTheWriterInsteadOfGrowingBuffers(transport: Transport) async throws {
        let service = CountingEcho()
        let server = try await TestServer.start(services: [service], transport: transport)
        let (client, channel) = try server.client()
        let payload = [UInt8](repeating: 1, count: 64 << 10)
        let stream = try await client.expand(request("flood", count: 1000, payload: payload))
        var iterator = stream.makeAsyncIterator()
        _ = try await iterator.next()
        // Not reading: the windows (1 MiB stream, 8 MiB connection) and the write gate
        // (256 KiB) bound what the server can have written, far below 1000 × 64 KiB. Wait
        // (boundedly: a loaded machine is slow to get there) until the writer stands still.
        var stalled = service.written.load(ordering: .relaxed)
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(200))
            let now = service.written.load(ordering: .relaxed)
            if now == stalled { break }
            stalled = now
        }
        #expect(stalled < 100, "the server wrote \(stalled) messages of 64 KiB to a reader that was not reading")
        try await Task.sleep(for: .milliseconds(300))
        let stillStalled = service.written.load(ordering: .relaxed)
        #expect(stillStalled == stalled)
        // Reading again lets the rest through.
        var received = 1
        while try await iterator.next() != nil { received += 1 }
        #expect(received == 1000)
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func clientCancellationCancelsTheServerHandler(transport: Transport) async throws {
        let service = CountingEcho()
        let server = try await TestServer.start(services: [service], transport: transport)
        let (client, channel) = try server.client()
        let call = Task { try await client.get(request("wait", delayMs: 10_000)) }
        // Cancelled once the handler runs (a busy machine may take a while to get there).
        for _ in 0..<500 where !service.started.load(ordering: .relaxed) {
            try await Task.sleep(for: .milliseconds(10))
        }
        call.cancel()
        _ = await call.result
        for _ in 0..<100 where !service.cancelled.load(ordering: .relaxed) {
            try await Task.sleep(for: .milliseconds(20))
        }
        let handlerWasCancelled = service.cancelled.load(ordering: .relaxed)
        #expect(handlerWasCancelled)
        channel.close()
        await server.stop()
    }

    @Test func ipv6Loopback() async throws {
        let server = Server(services: [EchoService()])
        guard let port = try? await server.start(.tcp(host: "::1", port: 0)) else {
            // No IPv6 on this machine: nothing to test.
            await server.shutdown(grace: .zero)
            return
        }
        let channel = try Channel(target: "[::1]:\(port)")
        let reply = try await Swiftgrpc_Test_Echo.Client(channel: channel).get(request("v6"))
        #expect(reply.text == "v6")
        channel.close()
        await server.shutdown(grace: .milliseconds(100))
    }
}

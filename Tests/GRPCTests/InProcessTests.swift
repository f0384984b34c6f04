import Synchronization
@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Echo whose Collect waits until the test opens `gate` before it reads a request, and whose
/// Get notes the deadline it saw and whether it was cancelled.
final class GatedEcho: Swiftgrpc_Test_Echo.SimpleServiceProtocol {
    let gate = Mutex(false)
    let cancelled = Atomic<Bool>(false)
    let deadlineSeen = Mutex<ContinuousClock.Instant?>(nil)
    let inner = EchoService()

    func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        deadlineSeen.withLock { $0 = context.deadline }
        do {
            return try await inner.get(request: request, context: context)
        } catch {
            if Task.isCancelled { cancelled.store(true, ordering: .relaxed) }
            throw error
        }
    }

    func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        try await inner.expand(request: request, responses: responses, context: context)
    }

    func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        while !gate.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(10)) }
        var count: Int32 = 0
        for try await _ in requests { count += 1 }
        return .with { $0.index = count }
    }

    func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        try await inner.update(requests: requests, responses: responses, context: context)
    }
}

/// The client's end of the channel's in-process connection, once it is connected.
func clientPipe(of channel: Channel) async -> InProcessStream? {
    await onLoop(of: channel) { $0.connections.first?.connection.stream as? InProcessStream }
}

/// Runs `body` with the channel's core on its I/O thread, where the core lives.
func onLoop<T: Sendable>(of channel: Channel, _ body: @escaping @Sendable (ChannelCore) -> T) async -> T {
    let core = channel.core
    return await withCheckedContinuation { continuation in
        core.loop.execute { continuation.resume(returning: body(core)) }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct InProcessTransportTests {
    @Test func aChannelFromTheServerNeedsNoStartAndNoName() async throws {
        let service = PeerRecordingEcho()
        let server = Server(services: [service])
        let channel = try server.inProcessChannel()
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)
        #expect(try await client.get(request("direct")).text == "direct")
        guard channel.target.hasPrefix("inprocess:") else {
            Issue.record("an in-process channel's target is \(channel.target)")
            return
        }
        let name = channel.target.dropFirst("inprocess:".count)
        // Its name reaches the same server, over a connection of its own.
        let second = try Channel(target: "inprocess:\(name)")
        #expect(try await Swiftgrpc_Test_Echo.Client(channel: second).get(request("by name")).text == "by name")
        let peers = service.peers.withLock { $0 }
        #expect(peers.count == 2)
        #expect(peers.allSatisfy { $0.hasPrefix("inprocess:\(name)#") }, "\(peers)")
        #expect(server.connectionCount == 2)
        second.close()
        channel.close()
        await server.shutdown(grace: .milliseconds(200))
    }

    @Test func namesAreParsedHeldOnceAndFreedByShutdown() async throws {
        #expect(SocketTarget("inprocess:billing") == .inProcess(name: "billing"))
        #expect(SocketTarget.inProcess(name: "billing").description == "inprocess:billing")
        #expect(SocketTarget("inprocess:") == nil)
        let name = "held-\(UInt32.random(in: 0...UInt32.max))"
        let first = Server(services: [EchoService()])
        #expect(try await first.start(.inProcess(name: name)) == 0)
        let second = Server(services: [EchoService()])
        let taken = await rpcError { _ = try await second.start(.inProcess(name: name)) }
        #expect(taken?.code == .alreadyExists)
        let tls = await rpcError {
            _ = try await second.start(.inProcess(name: name + "-tls"), tls: ServerTLS(certificateChain: .file("/nonexistent"), privateKey: .file("/nonexistent")))
        }
        #expect(tls?.code == .invalidArgument)
        #expect(throws: RPCError.self) { try Channel(target: .inProcess(name: name), configuration: ChannelConfiguration(tls: ClientTLS())) }
        await first.shutdown(grace: .zero)
        // Free again: the second server takes it, and a stopped one cannot.
        try await second.start(.inProcess(name: name))
        let stopped = await rpcError { _ = try await first.start(.inProcess(name: name + "-again")) }
        #expect(stopped?.code == .failedPrecondition)
        await second.shutdown(grace: .zero)
    }

    @Test func aNameNobodyHoldsIsUnavailableAndWaitForReadyWaitsForItsServer() async throws {
        let name = "later-\(UInt32.random(in: 0...UInt32.max))"
        let channel = try Channel(target: .inProcess(name: name))
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)
        let fast = await rpcError { _ = try await client.get(request("x")) }
        #expect(fast?.code == .unavailable)
        #expect(fast?.message.contains("no server in this process is named '\(name)'") == true, "\(String(describing: fast))")
        let waiting = await rpcError {
            _ = try await client.get(request("x"), options: CallOptions(timeout: .milliseconds(200), waitForReady: true))
        }
        #expect(waiting?.code == .deadlineExceeded)
        // A waiting call connects once a server takes the name (on the channel's next attempt).
        let call = Task { try await client.get(request("found"), options: CallOptions(timeout: .seconds(20), waitForReady: true)) }
        try await Task.sleep(for: .milliseconds(50))
        let server = Server(services: [EchoService()])
        try await server.start(.inProcess(name: name))
        #expect(try await call.value.text == "found")
        channel.close()
        await server.shutdown(grace: .milliseconds(200))
    }

    @Test func aSlowReaderBoundsWhatThePipeHolds() async throws {
        let service = GatedEcho()
        let server = try await TestServer.start(services: [service], transport: .inProcess)
        let (client, channel) = try server.client()
        _ = try await client.get(request("connect"))
        let payload = [UInt8](repeating: 3, count: 64 << 10)
        let written = Atomic<Int>(0)
        let call = Task {
            try await client.collect { requests in
                for _ in 0..<200 {
                    try await requests.write(request("flood", payload: payload))
                    written.add(1, ordering: .relaxed)
                }
            }
        }
        // The handler reads nothing yet: the stream's window (1 MiB) and the write gate
        // (256 KiB) stop the writer far below 200 × 64 KiB. Wait until it stands still.
        var stalled = written.load(ordering: .relaxed)
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            let now = written.load(ordering: .relaxed)
            if now == stalled && now > 0 { break }
            stalled = now
        }
        #expect(stalled > 0 && stalled < 40, "the client wrote \(stalled) messages of 64 KiB to a server that was not reading")
        let peak = await clientPipe(of: channel)?.peakQueuedBytes ?? -1
        // At most one batch of the connection's frames (1 MiB) waits in the pipe, however far
        // behind the reader.
        #expect(peak > 0 && peak <= (1 << 20) + (64 << 10), "the pipe held \(peak) bytes")
        service.gate.withLock { $0 = true }
        #expect(try await call.value.index == 200)
        channel.close()
        await server.stop()
    }

    @Test func deadlinesReachTheHandlerAndCancelIt() async throws {
        let service = GatedEcho()
        let server = try await TestServer.start(services: [service], transport: .inProcess)
        let (client, channel) = try server.client()
        let before = ContinuousClock.now
        let error = await rpcError {
            _ = try await client.get(request("slow", delayMs: 10_000), options: CallOptions(timeout: .milliseconds(300)))
        }
        #expect(error?.code == .deadlineExceeded)
        // The deadline travelled as grpc-timeout (the time left when the request left, so the
        // server's is the client's plus the trip): the handler saw it, and was cancelled at it.
        let seen = service.deadlineSeen.withLock { $0 }
        #expect(seen.map { $0 > before && $0 < before + .seconds(1) } == true, "\(String(describing: seen)) for a deadline 300 ms after \(before)")
        #expect(await eventually { service.cancelled.load(ordering: .relaxed) })
        channel.close()
        await server.stop()
    }

    @Test func shutdownLetsCallsFinishThenRefusesNewOnes() async throws {
        let server = try await TestServer.start(transport: .inProcess)
        let (client, channel) = try server.client()
        _ = try await client.get(request("warm-up"))
        let stream = Task { () -> Int in
            var count = 0
            for try await _ in try await client.expand(request("tick", count: 5, delayMs: 60)) { count += 1 }
            return count
        }
        let unary = Task { try await client.get(request("finishing", delayMs: 250)) }
        try await Task.sleep(for: .milliseconds(100))
        await server.server.shutdown(grace: .seconds(5))
        #expect(try await unary.value.text == "finishing")
        #expect(try await stream.value == 5)
        #expect(server.server.connectionCount == 0)
        let after = await rpcError { _ = try await client.get(request("after")) }
        #expect(after?.code == .unavailable)
        channel.close()
    }

    @Test func aServerWithThreadsOfItsOwnServesItsInProcessConnectionsThere() async throws {
        // The two ends of each pipe on two loops: bytes cross through the server's loop's queue.
        var configuration = ServerConfiguration()
        configuration.threads = 1
        let service = CountingEcho()
        let server = try await TestServer.start(configuration: configuration, services: [service], transport: .inProcess)
        let (client, channel) = try server.client()
        #expect(try await client.get(request("across")).text == "across")
        let collected = try await client.collect { requests in
            for word in ["a", "b"] { try await requests.write(request(word)) }
        }
        #expect(collected.text == "a b")
        let call = try await client.update()
        var replies = call.responses.makeAsyncIterator()
        for word in ["x", "y"] {
            try await call.requests.write(request(word))
            #expect(try await replies.next()?.text == word)
        }
        call.requests.finish()
        #expect(try await replies.next() == nil)
        // A reader that stops still stops the writer on the other thread.
        let stream = try await client.expand(request("flood", count: 500, payload: [UInt8](repeating: 1, count: 64 << 10)))
        var iterator = stream.makeAsyncIterator()
        _ = try await iterator.next()
        var stalled = service.written.load(ordering: .relaxed)
        for _ in 0..<50 {
            try await Task.sleep(for: .milliseconds(100))
            let now = service.written.load(ordering: .relaxed)
            if now == stalled { break }
            stalled = now
        }
        #expect(stalled < 100, "the server wrote \(stalled) messages of 64 KiB to a reader that was not reading")
        var received = 1
        while try await iterator.next() != nil { received += 1 }
        #expect(received == 500)
        // Graceful shutdown from the server's thread lets a call in flight finish.
        let finishing = Task { try await client.get(request("finishing", delayMs: 200)) }
        try await Task.sleep(for: .milliseconds(50))
        await server.server.shutdown(grace: .seconds(5))
        #expect(try await finishing.value.text == "finishing")
        channel.close()
    }

    @Test func aClosedChannelFailsNewCallsAndEndsItsConnection() async throws {
        let server = try await TestServer.start(transport: .inProcess)
        let (client, channel) = try server.client()
        _ = try await client.get(request("before"))
        #expect(server.server.connectionCount == 1)
        channel.close()
        let error = await rpcError { _ = try await client.get(request("after")) }
        #expect(error?.code == .unavailable)
        #expect(error?.message == "the channel is closed")
        #expect(await eventually { server.server.connectionCount == 0 }, "the server's side of the pipe should have closed")
        await server.stop()
    }
}

/// The pipe itself, without HTTP/2 above it, with both ends on one loop and on two.
@Suite(.timeLimit(.minutes(1)))
struct InProcessStreamTests {
    /// Records what a pipe end reports, on its loop.
    final class Recorder: ByteStreamReceiver, @unchecked Sendable {
        var ready = false
        var bytes: [UInt8] = []
        var drained = 0
        var closedReason: String?

        func streamReady() { ready = true }
        func received(_ bytes: UnsafeRawBufferPointer) { self.bytes += bytes }
        func writeQueueDrained() { drained += 1 }
        func streamClosed(reason: String) { closedReason = reason }
    }

    /// Runs `work` in its loop's flush phase, after the deliveries already scheduled there.
    final class AfterDeliveries: Flushable {
        let work: () -> Void
        init(_ work: @escaping () -> Void) { self.work = work }
        func flush() { work() }
    }

    final class Flag: Sendable {
        private let value = Atomic<Bool>(false)
        func set() { value.store(true, ordering: .releasing) }
        var isSet: Bool { value.load(ordering: .acquiring) }
    }

    /// Two connected ends with a recorder each.
    final class Pair: @unchecked Sendable {
        /// Two loops of the tests' own, whatever the number of cores.
        static let loops = try! EventLoopGroup(threads: 2).loops
        let clientLoop: EventLoop
        let serverLoop: EventLoop
        let ends: (client: InProcessStream, server: InProcessStream)
        let client = Recorder()
        let server = Recorder()

        init(sameLoop: Bool) {
            clientLoop = Pair.loops[0]
            serverLoop = sameLoop ? clientLoop : Pair.loops[1]
            ends = InProcessStream.pair(clientLoop: clientLoop, serverLoop: serverLoop, clientAddress: "inprocess:t#1",
                                        serverAddress: "inprocess:t")
            ends.client.receiver = client
            ends.server.receiver = server
        }

        /// Runs `body` with the client's end (or the server's), on its loop.
        func onClient<T: Sendable>(_ body: @escaping @Sendable (InProcessStream) throws -> T) async throws -> T {
            try await on(clientLoop) { try body(self.ends.client) }
        }

        func onServer<T: Sendable>(_ body: @escaping @Sendable (InProcessStream) throws -> T) async throws -> T {
            try await on(serverLoop) { try body(self.ends.server) }
        }

        private func on<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () throws -> T) async throws -> T {
            try await withCheckedThrowingContinuation { continuation in
                loop.execute { continuation.resume(with: Result { try body() }) }
            }
        }

        func write(_ bytes: [UInt8], from end: InProcessStream) {
            bytes.withUnsafeBytes { end.write($0) }
        }

        /// Reads `body` once each loop has gone through two more flush phases: the deliveries,
        /// and what they set off on the other side.
        func settled<T: Sendable>(_ body: @escaping @Sendable (Pair) -> T) async -> T {
            await withCheckedContinuation { continuation in
                bounce(4) { continuation.resume(returning: body(self)) }
            }
        }

        private func bounce(_ hops: Int, then: @escaping @Sendable () -> Void) {
            guard hops > 0 else { return then() }
            let loop = hops % 2 == 0 ? clientLoop : serverLoop
            loop.execute { loop.flushLater(AfterDeliveries { self.bounce(hops - 1, then: then) }) }
        }

        /// Runs `body` while the server's loop (when it is not the client's) is held busy, so that
        /// what the client writes meanwhile waits in the pipe.
        func holdingServerLoop<T: Sendable>(_ body: () async throws -> T) async throws -> T {
            guard serverLoop !== clientLoop else { return try await body() }
            let held = Flag()
            let released = Flag()
            serverLoop.execute {
                held.set()
                while !released.isSet { usleep(100) }
            }
            while !held.isSet { try await Task.sleep(for: .milliseconds(1)) }
            defer { released.set() }
            return try await body()
        }

        func startBoth() async throws {
            try await onServer { try $0.start() }
            try await onClient { try $0.start() }
        }
    }

    @Test(arguments: [true, false])
    func bytesArriveInOrderAndTheWriterHearsTheyWereTaken(sameLoop: Bool) async throws {
        let pair = Pair(sameLoop: sameLoop)
        #expect(pair.ends.client.peer.address == "inprocess:t" && pair.ends.server.peer.address == "inprocess:t#1")
        try await pair.startBoth()
        let queuedAtFirst = try await pair.holdingServerLoop {
            try await pair.onClient { end in
                for chunk in [[1, 2, 3], [4], [5, 6]] as [[UInt8]] { pair.write(chunk, from: end) }
                // Queued until the other end takes them; having looked, the writer will hear of it.
                return end.queuedBytes
            }
        }
        #expect(queuedAtFirst == 6)
        let (received, queued, drained, ready, peak) = await pair.settled {
            ($0.server.bytes, $0.ends.client.queuedBytes, $0.client.drained, $0.server.ready, $0.ends.client.peakQueuedBytes)
        }
        #expect(ready)
        #expect(received == [1, 2, 3, 4, 5, 6])
        #expect(queued == 0)
        #expect(drained == 1)
        #expect(peak == 6)
    }

    @Test(arguments: [true, false])
    func aWriterThatDidNotLookHearsNothing(sameLoop: Bool) async throws {
        let pair = Pair(sameLoop: sameLoop)
        try await pair.startBoth()
        try await pair.onServer { pair.write([1, 2], from: $0) }
        let (received, drained) = await pair.settled { ($0.client.bytes, $0.server.drained) }
        #expect(received == [1, 2])
        #expect(drained == 0, "no one waited, so no one is woken")
    }

    @Test(arguments: [true, false])
    func bytesWrittenBeforeTheOtherEndStartsWaitForIt(sameLoop: Bool) async throws {
        let pair = Pair(sameLoop: sameLoop)
        try await pair.onServer { end in
            try end.start()
            pair.write([9, 9], from: end)
        }
        #expect(await pair.settled { $0.client.bytes }.isEmpty)
        try await pair.onClient { try $0.start() }
        #expect(await pair.settled { $0.client.bytes } == [9, 9])
    }

    @Test(arguments: [true, false])
    func closeWhenWrittenDeliversTheLastBytesThenHangsUp(sameLoop: Bool) async throws {
        let pair = Pair(sameLoop: sameLoop)
        try await pair.startBoth()
        try await pair.onServer { end in
            pair.write([7, 7, 7], from: end)
            end.closeWhenWritten()
            // Nothing more goes out once an end has closed ...
            pair.write([1], from: end)
        }
        // ... nor comes in.
        try await pair.onClient { pair.write([2], from: $0) }
        let (bytes, reason, serverHeard) = await pair.settled { ($0.client.bytes, $0.client.closedReason, $0.server.bytes) }
        #expect(bytes == [7, 7, 7])
        #expect(reason == "connection closed by peer")
        #expect(serverHeard.isEmpty)
    }

    @Test(arguments: [true, false])
    func closeDropsWhatIsQueuedAndARefusalSaysWhy(sameLoop: Bool) async throws {
        let pair = Pair(sameLoop: sameLoop)
        try await pair.startBoth()
        try await pair.holdingServerLoop {
            try await pair.onClient { end in
                pair.write([5, 5], from: end)
                end.close()
            }
        }
        let (bytes, reason, ownReason) = await pair.settled { ($0.server.bytes, $0.server.closedReason, $0.client.closedReason) }
        #expect(bytes.isEmpty)
        #expect(reason == "connection closed by peer")
        #expect(ownReason == nil, "an end that closes itself hears no event")

        let refused = Pair(sameLoop: sameLoop)
        try await refused.startBoth()
        try await refused.onServer { $0.refuse(reason: "the server is at maxConnections") }
        #expect(await refused.settled { $0.client.closedReason } == "the server is at maxConnections")
    }
}

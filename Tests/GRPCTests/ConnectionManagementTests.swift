import Synchronization
@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Echo that notes the address of every client connection a call arrived on.
final class PeerRecordingEcho: Swiftgrpc_Test_Echo.SimpleServiceProtocol {
    let peers = Mutex<Set<String>>([])
    let inner = EchoService()

    func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        peers.withLock { _ = $0.insert(context.peer) }
        return try await inner.get(request: request, context: context)
    }

    func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        peers.withLock { _ = $0.insert(context.peer) }
        try await inner.expand(request: request, responses: responses, context: context)
    }

    func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        try await inner.collect(requests: requests, context: context)
    }

    func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        try await inner.update(requests: requests, responses: responses, context: context)
    }
}

final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add() { count.add(1, ordering: .relaxed) }
    var value: Int { count.load(ordering: .relaxed) }
}

final class Notes: Sendable {
    private let items = Mutex<[String]>([])
    func add(_ item: String) { items.withLock { $0.append(item) } }
    var all: [String] { items.withLock { $0 } }
}

/// A server whose connections are sent away after `age` (±10 %) and closed `grace` later.
func startAgingServer(age: Duration, grace: Duration, services: [any RegistrableService] = [EchoService()],
                      transport: Transport = .tcp) async throws -> TestServer {
    var configuration = ServerConfiguration()
    configuration.maxConnectionAge = age
    configuration.maxConnectionAgeGrace = grace
    return try await TestServer.start(configuration: configuration, services: services, transport: transport)
}

/// Runs `body` over and over in `workers` tasks, for `duration` or until `done()` holds.
func repeatInParallel(workers: Int, for duration: Duration, until done: @escaping @Sendable () -> Bool = { false },
                      _ body: @escaping @Sendable (Int) async -> Void) async {
    let clock = ContinuousClock()
    let end = clock.now + duration
    await withTaskGroup(of: Void.self) { group in
        for worker in 0..<workers {
            group.addTask {
                while clock.now < end && !done() { await body(worker) }
            }
        }
    }
}

/// Waits (boundedly) for `condition`; true once it holds.
func eventually(within limit: Duration = .seconds(5), _ condition: () -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + limit
    while clock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return condition()
}

@Suite(.timeLimit(.minutes(1)))
struct ConnectionManagementTests {
    @Test(arguments: Transport.tcpAndInProcess)
    func anIdleConnectionIsSentAwayAndTheNextCallReconnects(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.maxConnectionIdle = .milliseconds(150)
        let service = PeerRecordingEcho()
        let server = try await TestServer.start(configuration: configuration, services: [service], transport: transport)
        let (client, channel) = try server.client()
        _ = try await client.get(request("first"))
        #expect(await eventually { server.server.connectionCount == 0 }, "the idle connection should have been closed")
        _ = try await client.get(request("second"))
        #expect(service.peers.withLock { $0.count } == 2)
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func aConnectionBusyWithCallsIsNotIdle(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.maxConnectionIdle = .milliseconds(100)
        let service = PeerRecordingEcho()
        let server = try await TestServer.start(configuration: configuration, services: [service], transport: transport)
        let (client, channel) = try server.client()
        // One call of 600 ms: six idle periods pass while it is in flight.
        #expect(try await client.get(request("long", delayMs: 600)).text == "long")
        #expect(service.peers.withLock { $0.count } == 1)
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func agedConnectionsRotateWithoutLosingACall(transport: Transport) async throws {
        let service = PeerRecordingEcho()
        let server = try await startAgingServer(age: .milliseconds(150), grace: .seconds(10), services: [service], transport: transport)
        let (client, channel) = try server.client()
        // A stream longer than several ages finishes within its grace.
        let stream = Task { () -> Int in
            var count = 0
            for try await _ in try await client.expand(request("slow", count: 6, delayMs: 100)) { count += 1 }
            return count
        }
        // Calls until four connections have served them (bounded, for a slow machine).
        let failures = Counter()
        let calls = Counter()
        await repeatInParallel(workers: 8, for: .seconds(10), until: { service.peers.withLock { $0.count } >= 4 }) { worker in
            do {
                let reply = try await client.get(request("w\(worker)"))
                if reply.text != "w\(worker)" { failures.add() }
            } catch {
                failures.add()
            }
            calls.add()
        }
        #expect(try await stream.value == 6)
        #expect(failures.value == 0, "\(failures.value) of \(calls.value) calls failed")
        #expect(service.peers.withLock { $0.count } >= 4, "connections should have rotated every ~150 ms")
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func callsRacingConnectionClosesEndPromptly(transport: Transport) async throws {
        let server = try await startAgingServer(age: .milliseconds(20), grace: .milliseconds(5), transport: transport)
        let (client, channel) = try server.client()
        let succeeded = Counter()
        let unexpected = Notes()
        // At least 800 ms of racing, and on until a call got through: under the load of the
        // whole suite a connection that lives 25 ms may carry no call for a while.
        let clock = ContinuousClock()
        let racedEnough = clock.now + .milliseconds(800)
        await repeatInParallel(workers: 8, for: .seconds(20), until: { clock.now > racedEnough && succeeded.value > 0 }) { worker in
            do {
                _ = try await client.get(request("w\(worker)"), options: CallOptions(timeout: .seconds(3)))
                succeeded.add()
            } catch let error as RPCError where error.code == .unavailable {
                // The connection closed under the call: allowed, but it must say so at once.
            } catch {
                unexpected.add("\(error)")
            }
        }
        #expect(unexpected.all.isEmpty, "a call hung until its deadline or failed oddly: \(unexpected.all.prefix(3))")
        #expect(succeeded.value > 0)
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func theAgeGraceEndsCallsThatOutstayIt(transport: Transport) async throws {
        let server = try await startAgingServer(age: .milliseconds(100), grace: .milliseconds(200), transport: transport)
        let (client, channel) = try server.client()
        let clock = ContinuousClock()
        let started = clock.now
        let error = await rpcError { _ = try await client.get(request("too slow", delayMs: 5000)) }
        #expect(error?.code == .unavailable, "\(String(describing: error))")
        #expect(clock.now - started < .seconds(3))
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func aClientThatPingsTooOftenIsToldSo(transport: Transport) async throws {
        let events = Mutex<[ConnectionEvent.Kind]>([])
        var configuration = ServerConfiguration()
        configuration.connectionEvents = { event in events.withLock { $0.append(event.kind) } }
        let server = try await TestServer.start(configuration: configuration, transport: transport)
        // The default policy allows a ping every five minutes; this client pings every 30 ms.
        let (client, channel) = try server.client(ChannelConfiguration(keepalive: Keepalive(time: .milliseconds(30), permitWithoutCalls: true)))
        let error = await rpcError { _ = try await client.get(request("wait", delayMs: 3000)) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("too_many_pings") == true, "\(String(describing: error))")
        #expect(events.withLock { $0 }.contains(.tooManyPings))
        // A8: the channel pings half as often on its next connections.
        let time = await onLoop(of: channel) { $0.subchannelsForTesting.first?.keepalive?.time }
        #expect(time == .milliseconds(60))
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func permittedPingsKeepTheConnectionAndItsCalls(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.keepalivePolicy = KeepalivePolicy(minimumPingInterval: .milliseconds(20), permitWithoutCalls: true)
        configuration.keepalive = Keepalive(time: .milliseconds(50), timeout: .milliseconds(500), permitWithoutCalls: true)
        let service = PeerRecordingEcho()
        let server = try await TestServer.start(configuration: configuration, services: [service], transport: transport)
        let keepalive = Keepalive(time: .milliseconds(40), timeout: .milliseconds(500), permitWithoutCalls: true)
        let (client, channel) = try server.client(ChannelConfiguration(keepalive: keepalive))
        #expect(try await client.get(request("across pings", delayMs: 800)).text == "across pings")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await client.get(request("after idle pings")).text == "after idle pings")
        #expect(service.peers.withLock { $0.count } == 1, "pings both ways should not have cost the connection")
        channel.close()
        await server.stop()
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func connectionsOverTheLimitAreClosedOnArrival(transport: Transport) async throws {
        let events = Mutex<[ConnectionEvent.Kind]>([])
        var configuration = ServerConfiguration()
        configuration.maxConnections = 1
        configuration.connectionEvents = { event in events.withLock { $0.append(event.kind) } }
        let server = try await TestServer.start(configuration: configuration, transport: transport)
        let (first, firstChannel) = try server.client()
        _ = try await first.get(request("one"))
        let (second, secondChannel) = try server.client()
        let error = await rpcError { _ = try await second.get(request("two"), options: CallOptions(timeout: .seconds(5))) }
        #expect(error?.code == .unavailable)
        #expect(events.withLock { $0 }.contains(.connectionRefused))
        firstChannel.close()
        #expect(await eventually { server.server.connectionCount == 0 })
        #expect(try await second.get(request("now")).text == "now")
        secondChannel.close()
        await server.stop()
    }
}

@Suite struct UnixSocketPathTests {
    let path = "/tmp/swiftgrpc-path-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"

    @Test func aFileThatIsNotASocketIsLeftAlone() async throws {
        let fd = open(path, O_CREAT | O_WRONLY, 0o600)
        close(fd)
        defer { unlink(path) }
        let server = Server(services: [EchoService()])
        await #expect { try await server.start(.unix(path: path)) } throws: { "\($0)".contains("is not a socket") }
        var status = stat()
        #expect(lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG, "the regular file must survive")
        await server.shutdown(grace: .zero)
    }

    @Test func aStaleSocketIsReplacedButALiveOneIsNot() async throws {
        // A socket file whose server is gone, as a crash leaves it.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: Array(path.utf8) + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        #expect(bound == 0)
        close(stale)
        let server = Server(services: [EchoService()])
        try await server.start(.unix(path: path))
        let channel = try Channel(target: .unix(path: path))
        #expect(try await Swiftgrpc_Test_Echo.Client(channel: channel).get(request("replaced")).text == "replaced")
        // A second server on the same path must not steal it.
        let second = Server(services: [EchoService()])
        await #expect { try await second.start(.unix(path: path)) } throws: { "\($0)".contains("another server") }
        #expect(try await Swiftgrpc_Test_Echo.Client(channel: channel).get(request("still mine")).text == "still mine")
        channel.close()
        await second.shutdown(grace: .zero)
        await server.shutdown(grace: .milliseconds(100))
    }
}

import Synchronization
import SwiftProto
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import SwiftGRPC
import TestMessages
import TestServices

/// Echo servers named s1, s2 … on 127.0.0.1, 127.0.0.2 … (all on lo), stopped by `stop()`.
/// Tests that stop servers use hosts from 127.0.0.2 up, where no other suite's server can take
/// the freed ports (this suite runs its tests one at a time).
struct Replicas {
    var servers: [Server]
    var ports: [Int]
    var firstHost = 1

    static func start(_ count: Int, fromHost firstHost: Int = 1) async throws -> Replicas {
        var replicas = Replicas(servers: [], ports: [], firstHost: firstHost)
        for index in 1...count {
            let server = Server(services: [EchoService(name: "s\(index)")])
            replicas.ports.append(try await server.start(.tcp(host: "127.0.0.\(firstHost + index - 1)", port: 0)))
            replicas.servers.append(server)
        }
        return replicas
    }

    /// `ipv4:127.0.0.1:p1,127.0.0.2:p2,…`
    var target: String {
        "ipv4:" + ports.indices.map { "127.0.0.\(firstHost + $0):\(ports[$0])" }.joined(separator: ",")
    }

    func address(_ index: Int) -> SocketTarget { .tcp(host: "127.0.0.\(firstHost + index)", port: ports[index]) }

    /// Stops replica `index` gracefully (its calls in flight finish).
    func stop(_ index: Int) async {
        await servers[index].shutdown(grace: .seconds(2))
    }

    /// Starts replica `index` again on its address, under a new name.
    mutating func restart(_ index: Int, name: String) async throws {
        let server = Server(services: [EchoService(name: name)])
        _ = try await server.start(address(index))
        servers[index] = server
    }

    func stopAll() async {
        for server in servers { await server.shutdown(grace: .milliseconds(200)) }
    }
}

/// The replica that served a Get, from its `x-served-by` header.
func servedBy(_ channel: Channel, options: CallOptions = CallOptions()) async throws -> String {
    let response = try await channel.unary(path: "/swiftgrpc.test.Echo/Get", request: request("who"),
                                           as: Swiftgrpc_Test_EchoResponse.self, options: options)
    return response.headers.firstString(forKey: "x-served-by") ?? "?"
}

/// Waits (bounded) until `condition` holds for the channel's core.
func waitUntil(_ channel: Channel, tries: Int = 500, _ condition: @escaping @Sendable (ChannelCore) -> Bool) async throws -> Bool {
    for _ in 0..<tries {
        if await onLoop(of: channel, condition) { return true }
        try await Task.sleep(for: .milliseconds(10))
    }
    return false
}

func readySubchannels(_ core: ChannelCore) -> Int {
    core.subchannelsForTesting.filter { $0.state == .ready }.count
}

/// A resolver whose answer a test changes, counting how often it is asked.
final class ChangingResolver: NameResolver {
    let addresses: Mutex<[ResolvedAddress]>
    let asked = Atomic<Int>(0)

    init(_ addresses: [SocketTarget]) {
        self.addresses = Mutex(addresses.map { ResolvedAddress($0) })
    }

    func resolve() async throws -> NameResolution {
        asked.add(1, ordering: .relaxed)
        return NameResolution(addresses: addresses.withLock { $0 })
    }
}

/// What concurrent callers saw.
final class Tally: Sendable {
    let served = Mutex<[String: Int]>([:])
    let failures = Mutex<[String]>([])
    let done = Atomic<Int>(0)
}

let roundRobin = #"{"loadBalancingConfig": [{"round_robin": {}}]}"#

@Suite(.serialized, .timeLimit(.minutes(1)))
struct LoadBalancingTests {
    @Test func roundRobinSpreadsCallsEvenlyOverThreeServers() async throws {
        let replicas = try await Replicas.start(3)
        let channel = try Channel(target: replicas.target, serviceConfig: roundRobin)
        channel.connect()
        #expect(try await waitUntil(channel) { readySubchannels($0) == 3 })
        var counts: [String: Int] = [:]
        for _ in 0..<300 { counts[try await servedBy(channel), default: 0] += 1 }
        #expect(counts == ["s1": 100, "s2": 100, "s3": 100])
        channel.close()
        await replicas.stopAll()
    }

    @Test func roundRobinLosesNoCallWhenAServerStopsAndTakesItBackWhenItReturns() async throws {
        var replicas = try await Replicas.start(3, fromHost: 2)
        var configuration = ChannelConfiguration()
        configuration.connectionBackoff.initial = .milliseconds(50)
        let channel = try Channel(target: replicas.target, serviceConfig: roundRobin, configuration: configuration)
        channel.connect()
        #expect(try await waitUntil(channel) { readySubchannels($0) == 3 })
        let tally = Tally()
        let running = replicas
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    for _ in 0..<50 {
                        do {
                            let name = try await servedBy(channel)
                            tally.served.withLock { $0[name, default: 0] += 1 }
                        } catch {
                            tally.failures.withLock { $0.append("\(error)") }
                        }
                        tally.done.add(1, ordering: .relaxed)
                    }
                }
            }
            group.addTask {
                while tally.done.load(ordering: .relaxed) < 100 { try await Task.sleep(for: .milliseconds(2)) }
                await running.stop(1)
            }
            try await group.waitForAll()
        }
        #expect(tally.failures.withLock { $0 }.isEmpty)
        let counts = tally.served.withLock { $0 }
        #expect(counts.values.reduce(0, +) == 300)
        #expect((counts["s1"] ?? 0) > (counts["s2"] ?? 0), "\(counts)")
        // After the stop, calls go to the two left.
        #expect(try await waitUntil(channel) { readySubchannels($0) == 2 })
        var after: Set<String> = []
        for _ in 0..<20 { after.insert(try await servedBy(channel)) }
        #expect(after == ["s1", "s3"])
        // Back on its address, the replica rejoins the rotation.
        try await replicas.restart(1, name: "s2-again")
        #expect(try await waitUntil(channel) { readySubchannels($0) == 3 })
        var again: Set<String> = []
        for _ in 0..<30 { again.insert(try await servedBy(channel)) }
        #expect(again == ["s1", "s2-again", "s3"])
        channel.close()
        await replicas.stopAll()
    }

    @Test func pickFirstUsesTheFirstAddressAndFailsOverWhenItsServerStops() async throws {
        let replicas = try await Replicas.start(2, fromHost: 2)
        let channel = try Channel(target: replicas.target)
        for _ in 0..<5 { #expect(try await servedBy(channel) == "s1") }
        await replicas.stop(0)
        #expect(try await waitUntil(channel) { readySubchannels($0) == 0 })
        // The next call (fail-fast) waits while the channel connects, and finds s2.
        for _ in 0..<5 { #expect(try await servedBy(channel) == "s2") }
        #expect(channel.connectivityState == .ready)
        channel.close()
        await replicas.stopAll()
    }

    @Test func aChangedResolutionIsFollowedWhenAConnectionIsLost() async throws {
        let replicas = try await Replicas.start(2, fromHost: 2)
        let resolver = ChangingResolver([replicas.address(0)])
        var configuration = ChannelConfiguration()
        configuration.minimumResolutionInterval = .milliseconds(20)
        let channel = try Channel(resolver: resolver, authority: "replicas.test", configuration: configuration)
        #expect(try await servedBy(channel) == "s1")
        let before = resolver.asked.load(ordering: .relaxed)
        #expect(before == 1)
        // The name now points at s2 only; the channel hears of it once its connection goes.
        resolver.addresses.withLock { $0 = [ResolvedAddress(replicas.address(1))] }
        await replicas.stop(0)
        var served = ""
        for _ in 0..<200 where served != "s2" {
            served = (try? await servedBy(channel, options: CallOptions(timeout: .seconds(2), waitForReady: true))) ?? ""
            if served != "s2" { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(served == "s2")
        #expect(resolver.asked.load(ordering: .relaxed) > before)
        channel.close()
        await replicas.stopAll()
    }

    @Test func reResolutionWaitsForTheMinimumInterval() async throws {
        let resolver = ChangingResolver([.tcp(host: "127.0.0.6", port: 1)])
        var configuration = ChannelConfiguration()
        configuration.minimumResolutionInterval = .seconds(60)
        configuration.connectionBackoff.initial = .milliseconds(5)
        let channel = try Channel(resolver: resolver, authority: "nobody.test", configuration: configuration)
        for _ in 0..<5 {
            let error = await rpcError { _ = try await servedBy(channel) }
            #expect(error?.code == .unavailable)
            try await Task.sleep(for: .milliseconds(20))
        }
        // Every connect failed, and each asks for a resolution: one per minute is all it gets.
        #expect(resolver.asked.load(ordering: .relaxed) == 1)
        channel.close()
    }

    @Test func aDNSTargetResolvesAndConnects() async throws {
        let replicas = try await Replicas.start(1)
        for target in ["dns:///localhost:\(replicas.ports[0])", "localhost:\(replicas.ports[0])", "dns:localhost:\(replicas.ports[0])"] {
            let channel = try Channel(target: target)
            #expect(try await servedBy(channel) == "s1", "\(target)")
            channel.close()
        }
        let unknown = try Channel(target: "dns:///no-such-host.invalid:50051")
        let error = await rpcError { _ = try await servedBy(unknown) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("cannot resolve no-such-host.invalid") == true, "\(String(describing: error))")
        unknown.close()
        await replicas.stopAll()
    }

    @Test func theChannelsStateCanBeReadAndWatched() async throws {
        let replicas = try await Replicas.start(1)
        let channel = try Channel(target: replicas.target)
        #expect(channel.connectivityState == .idle)
        let states = channel.connectivityStates()
        #expect(try await servedBy(channel) == "s1")
        #expect(channel.connectivityState == .ready)
        channel.close()
        var seen: [ConnectivityState] = []
        for await state in states { seen.append(state) }
        #expect(seen == [.idle, .connecting, .ready, .shutdown])
        await replicas.stopAll()
    }

    @Test func anIdleChannelClosesItsConnectionAndReconnectsOnTheNextCall() async throws {
        let replicas = try await Replicas.start(1)
        var configuration = ChannelConfiguration()
        configuration.idleTimeout = .milliseconds(300)
        let channel = try Channel(target: replicas.target, configuration: configuration)
        #expect(try await servedBy(channel) == "s1")
        // A call open for several timeouts keeps the channel busy.
        async let slow = channel.unary(path: "/swiftgrpc.test.Echo/Get", request: request("slow", delayMs: 3000),
                                       as: Swiftgrpc_Test_EchoResponse.self)
        try await Task.sleep(for: .seconds(1))
        #expect(channel.connectivityState == .ready)
        #expect(replicas.servers[0].connectionCount == 1)
        #expect(try await slow.message.text == "slow")
        // Then, with nothing to do, it closes its connection and goes IDLE.
        var idle = false
        for _ in 0..<500 where !idle {
            idle = channel.connectivityState == .idle && replicas.servers[0].connectionCount == 0
            if !idle { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(idle)
        #expect(try await waitUntil(channel) { $0.subchannelsForTesting.isEmpty })
        // The next call connects again.
        #expect(try await servedBy(channel) == "s1")
        #expect(replicas.servers[0].connectionCount == 1)
        channel.close()
        await replicas.stopAll()
    }

    @Test func failFastCallsFailInTransientFailureAndWaitForReadyCallsWaitForAnyAddress() async throws {
        let dead = [try DeadPort(host: "127.0.0.2"), try DeadPort(host: "127.0.0.3")]
        var configuration = ChannelConfiguration()
        configuration.connectionBackoff.initial = .milliseconds(50)
        let channel = try Channel(target: "ipv4:" + dead.map { "\($0.host):\($0.port)" }.joined(separator: ","),
                                  configuration: configuration)
        let error = await rpcError { _ = try await servedBy(channel) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("cannot connect to any address") == true, "\(String(describing: error))")
        #expect(channel.connectivityState == .transientFailure)
        let late = Server(services: [EchoService(name: "late")])
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await servedBy(channel, options: CallOptions(timeout: .seconds(20), waitForReady: true)) }
            try await Task.sleep(for: .milliseconds(200))
            dead[1].release()
            _ = try await late.start(dead[1].address)
            #expect(try await group.next() == "late")
        }
        channel.close()
        dead[0].release()
        await late.shutdown(grace: .milliseconds(200))
    }

    @Test func anAttemptThatDoesNotConnectInTimeFails() async throws {
        // A listener that never accepts, its queue filled: the kernel drops further SYNs, so a
        // connect neither succeeds nor fails until the minimum connect timeout gives it up.
        let listener = RawSocket()
        #expect(listener.bind("127.0.0.2") == 0)
        #expect(listen(listener.fd, 0) == 0)
        var fillers: [RawSocket] = []
        for _ in 0..<4 {
            let filler = RawSocket()
            _ = fcntl(filler.fd, F_SETFL, O_NONBLOCK)
            _ = filler.connect("127.0.0.2", port: listener.port)
            fillers.append(filler)
        }
        defer { for socket in fillers + [listener] { socket.close() } }
        var configuration = ChannelConfiguration()
        configuration.connectionBackoff.initial = .milliseconds(50)
        configuration.connectionBackoff.minimumConnectTimeout = .milliseconds(300)
        let channel = try Channel(target: .tcp(host: "127.0.0.2", port: listener.port), configuration: configuration)
        let error = await rpcError { _ = try await servedBy(channel) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("no connection within 0.3 seconds") == true, "\(String(describing: error))")
        channel.close()
    }

    @Test func aCustomBalancerAndResolverPlugIn() async throws {
        let replicas = try await Replicas.start(3)
        let resolver = StaticResolver((0..<3).map { ResolvedAddress(replicas.address($0), attributes: ["zone": $0 == 2 ? "near" : "far"]) })
        var configuration = ChannelConfiguration()
        configuration.loadBalancers = [ZoneFactory()]
        let channel = try Channel(resolver: resolver, authority: "zoned.test",
                                  serviceConfig: #"{"loadBalancingConfig": [{"unknown_policy": {}}, {"zone": {"zone": "near"}}]}"#,
                                  configuration: configuration)
        for _ in 0..<10 { #expect(try await servedBy(channel) == "s3") }
        channel.close()
        await replicas.stopAll()
        // A config the balancer rejects fails the construction, naming the field.
        let error = await rpcError {
            _ = try Channel(resolver: resolver, authority: "zoned.test", serviceConfig: #"{"loadBalancingConfig": [{"zone": {}}]}"#,
                            configuration: configuration)
        }
        #expect(error?.message == "service config: loadBalancingConfig.zone.zone: missing")
    }

    @Test func aServiceConfigWithNoKnownBalancerIsRefused() async throws {
        let error = await rpcError {
            _ = try Channel(target: "127.0.0.1:1", serviceConfig: #"{"loadBalancingConfig": [{"weighted_target_experimental": {}}]}"#)
        }
        #expect(error?.code == .invalidArgument)
        #expect(error?.message.contains("loadBalancingConfig: no supported policy among [weighted_target_experimental]") == true,
                "\(String(describing: error))")
        let bad = await rpcError { _ = try Channel(target: "127.0.0.1:1", serviceConfig: #"{"loadBalancingConfig": [{"pick_first": {"shuffleAddressList": 1}}]}"#) }
        #expect(bad?.message == "service config: loadBalancingConfig.pick_first.shuffleAddressList: not a boolean")
    }
}

/// A user's balancer: sends every call to the READY addresses whose `zone` attribute matches.
struct ZoneFactory: LoadBalancerFactory {
    let name = "zone"

    func makeBalancer(configJSON: String, controller: LoadBalancerController) throws -> any LoadBalancer {
        guard let zone = try Google_Protobuf_Struct(jsonString: configJSON).fields["zone"]?.stringValue else {
            throw RPCError(code: .invalidArgument, message: "service config: loadBalancingConfig.zone.zone: missing")
        }
        return ZoneBalancer(zone: zone, controller: controller)
    }
}

final class ZoneBalancer: LoadBalancer {
    let zone: String
    let controller: LoadBalancerController
    var subchannels: [Subchannel] = []

    init(zone: String, controller: LoadBalancerController) {
        self.zone = zone
        self.controller = controller
    }

    func update(addresses: [ResolvedAddress]) {
        for subchannel in subchannels { subchannel.shutdown() }
        subchannels = addresses.filter { $0.attributes["zone"] == zone }.map { controller.makeSubchannel($0) }
        for subchannel in subchannels { subchannel.connect() }
    }

    func subchannel(_ subchannel: Subchannel, didChangeTo state: ConnectivityState) {
        if state == .idle { subchannel.connect() }
        controller.setState(subchannels.contains { $0.state == .ready } ? .ready : .connecting)
    }

    func pick(_ call: PickRequest) -> PickResult {
        subchannels.first { $0.state == .ready }.map { .subchannel($0) } ?? .queue
    }

    func exitIdle() {}

    func shutdown() {
        for subchannel in subchannels { subchannel.shutdown() }
    }
}

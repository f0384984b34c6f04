import IntegrationTestSupport
import InMemoryLogging
import Logging
import ServiceLifecycle
import ServiceLifecycleTestKit
import SwiftGRPC
import SwiftGRPCServiceLifecycle
import Testing

@Suite struct GRPCServerServiceTests {
    private func connect(port: Int) throws -> (Channel, Integrations_Test_Probe.Client) {
        let channel = try Channel(target: .tcp(host: "127.0.0.1", port: port))
        return (channel, Integrations_Test_Probe.Client(channel: channel))
    }

    @Test func aServiceGroupServesUntilGracefulShutdownAndDrainsCallsInFlight() async throws {
        let watcher = ShutdownWatcher()
        let entered = Signal()
        let release = Signal()
        let probeService = ProbeService { _, _ in
            entered.fire()
            await release.wait()
        }
        let server = Server(services: [probeService, watcher])
        let service = GRPCServerService(server: server, listeningOn: [.tcp(host: "127.0.0.1", port: 0)],
                                        shutdownGrace: .seconds(30))
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [service], logger: Logger(label: "test") { _ in InMemoryLogHandler() }))

        try await withThrowingTaskGroup { tasks in
            tasks.addTask { try await group.run() }
            let port = try #require(try await service.listeningPorts().first)
            let (channel, probe) = try connect(port: port)
            defer { channel.close() }
            let held = Task { try await probe.echo(.with { $0.text = "in flight" }, options: probeCallOptions) }
            await entered.wait()

            await group.triggerGracefulShutdown()
            await watcher.began.wait()
            release.fire()
            #expect(try await held.value.text == "in flight")
            _ = try await tasks.next()

            let (late, lateProbe) = try connect(port: port)
            defer { late.close() }
            let error = await #expect(throws: RPCError.self) {
                _ = try await lateProbe.echo(.with { $0.text = "too late" }, options: probeCallOptions)
            }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func runReturnsWhenTheTestKitTriggersGracefulShutdown() async throws {
        let server = Server(services: [ProbeService()])
        let service = GRPCServerService(server: server, listeningOn: [.tcp(host: "127.0.0.1", port: 0), .tcp(host: "127.0.0.1", port: 0)])
        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup { tasks in
                tasks.addTask { try await service.run() }
                let ports = try await service.listeningPorts()
                #expect(ports.count == 2)
                #expect(Set(ports).count == 2)
                for port in ports {
                    let (channel, probe) = try connect(port: port)
                    defer { channel.close() }
                    #expect(try await probe.echo(.with { $0.text = "port \(port)" }, options: probeCallOptions).text == "port \(port)")
                }
                trigger.triggerGracefulShutdown()
                _ = try await tasks.next()
            }
        }
    }

    @Test func cancellingTheServiceStopsTheServerAtOnce() async throws {
        let release = Signal()
        let entered = Signal()
        let probeService = ProbeService { _, _ in
            entered.fire()
            await release.wait()
            try Task.checkCancellation()
        }
        let server = Server(services: [probeService])
        let service = GRPCServerService(server: server, listeningOn: [.tcp(host: "127.0.0.1", port: 0)],
                                        shutdownGrace: .seconds(60))
        let running = Task { try await service.run() }
        let port = try #require(try await service.listeningPorts().first)
        let (channel, probe) = try connect(port: port)
        defer { channel.close() }
        let held = Task { try await probe.echo(.with { $0.text = "cut short" }, options: probeCallOptions) }
        await entered.wait()

        running.cancel()
        try await running.value
        release.fire()
        let error = await #expect(throws: RPCError.self) { _ = try await held.value }
        #expect(error?.code == .cancelled || error?.code == .unavailable)
    }

    @Test func runReturnsWhenTheServerIsStoppedElsewhere() async throws {
        let server = Server(services: [ProbeService()])
        let service = GRPCServerService(server: server, listeningOn: [.tcp(host: "127.0.0.1", port: 0)])
        try await testGracefulShutdown { _ in
            let running = Task { try await service.run() }
            _ = try await service.listeningPorts()
            await server.shutdown(grace: .zero)
            try await running.value
        }
    }

    @Test func anAddressInUseFailsRunAndTheWaitForPorts() async throws {
        let occupant = try await LoopbackServer.start()
        let server = Server(services: [ProbeService()])
        let service = GRPCServerService(server: server, listeningOn: [
            .tcp(host: "127.0.0.1", port: 0), .tcp(host: "127.0.0.1", port: occupant.port),
        ])
        await #expect(throws: (any Error).self) { try await service.run() }
        await #expect(throws: (any Error).self) { _ = try await service.listeningPorts() }
        await occupant.stop()
    }
}

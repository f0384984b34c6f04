import SwiftGRPC
import Synchronization
import TestMessages
import TestServices
import Testing

/// The transport events channels and servers report through `connectionEvents`.
@Suite(.timeLimit(.minutes(1)))
struct ConnectionEventTests {
    @Test func aChannelReportsAFailedConnect() async throws {
        // A port where nothing listens (and that no other test's server can take meanwhile).
        let gone = try DeadPort(host: "127.0.0.1")
        defer { gone.release() }
        let events = EventLog()
        var configuration = ChannelConfiguration()
        configuration.connectionEvents = events.record
        let channel = try Channel(target: gone.address, configuration: configuration)
        let error = await rpcError { _ = try await Swiftgrpc_Test_Echo.Client(channel: channel).get(request("anyone?")) }
        #expect(error?.code == .unavailable)
        channel.close()
        let failures = events.kinds.compactMap { if case .connectFailed(let reason) = $0 { reason } else { nil } }
        #expect(failures.count == 1)
        #expect(failures.first?.hasPrefix("cannot connect to \(gone.address)") == true)
        #expect(events.all.first?.peer == gone.address.description)
    }

    @Test func aChannelReportsTheServersGoawayAndTheClose() async throws {
        let events = EventLog()
        var configuration = ChannelConfiguration()
        configuration.connectionEvents = events.record
        let server = try await TestServer.start()
        let (client, channel) = try server.client(configuration)
        #expect(try await client.get(request("hi")).text == "hi")
        await server.stop()
        #expect(await events.waitFor(\.isConnectionClosed))
        #expect(events.kinds.contains(.goawayReceived(errorCode: 0, debugData: "")))
        let goaway = events.all.first { $0.kind.isGoaway }
        #expect(goaway?.description == "\(server.target): GOAWAY received (NO_ERROR)")
        channel.close()
    }

    @Test func aServerReportsAClosedConnection() async throws {
        let events = EventLog()
        var configuration = ServerConfiguration()
        configuration.connectionEvents = events.record
        try await withEcho(configuration: configuration) { client, channel, _ in
            let reply = try await client.get(request("hi"))
            #expect(reply.text == "hi")
            channel.close()
            #expect(await events.waitFor(\.isConnectionClosed))
            #expect(events.all.allSatisfy { $0.peer?.hasPrefix("127.0.0.1:") == true })
        }
    }
}

extension ConnectionEvent.Kind {
    var isConnectionClosed: Bool {
        if case .connectionClosed = self { return true }
        return false
    }

    var isGoaway: Bool {
        if case .goawayReceived = self { return true }
        return false
    }
}

/// The events a closure heard, in order.
final class EventLog: Sendable {
    private let events = Mutex<[ConnectionEvent]>([])

    var record: @Sendable (ConnectionEvent) -> Void {
        { [self] event in events.withLock { $0.append(event) } }
    }

    var all: [ConnectionEvent] { events.withLock { $0 } }
    var kinds: [ConnectionEvent.Kind] { all.map(\.kind) }

    /// Whether an event that `matches` arrives within a few seconds (bounded).
    func waitFor(_ matches: (ConnectionEvent.Kind) -> Bool) async -> Bool {
        for _ in 0..<500 {
            if kinds.contains(where: matches) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

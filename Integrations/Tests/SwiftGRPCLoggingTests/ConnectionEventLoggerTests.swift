import IntegrationTestSupport
import Logging
import SwiftGRPC
import SwiftGRPCLogging
import Testing

@Suite struct ConnectionEventLoggerTests {
    @Test func levelsSayHowMuchAnEventMatters() {
        #expect(ConnectionEventLogger.level(for: .acceptPaused("EMFILE")) == .error)
        #expect(ConnectionEventLogger.level(for: .handshakeFailed("certificate verify failed")) == .warning)
        #expect(ConnectionEventLogger.level(for: .connectFailed("connection refused")) == .warning)
        #expect(ConnectionEventLogger.level(for: .tooManyPings) == .warning)
        #expect(ConnectionEventLogger.level(for: .keepaliveTimeout) == .warning)
        #expect(ConnectionEventLogger.level(for: .connectionRefused) == .warning)
        #expect(ConnectionEventLogger.level(for: .goawayReceived(errorCode: 0, debugData: "")) == .info)
        #expect(ConnectionEventLogger.level(for: .goawayReceived(errorCode: 11, debugData: "too_many_pings")) == .warning)
        #expect(ConnectionEventLogger.level(for: .connectionClosed("idle")) == .info)
    }

    @Test func aServerLogsTheConnectionsItRefuses() async throws {
        let capture = LogCapture()
        var configuration = ServerConfiguration()
        configuration.maxConnections = 0
        configuration.logConnectionEvents(to: capture.logger())
        try await withProbe(server: configuration) { probe, _ in
            let error = await #expect(throws: RPCError.self) {
                _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
            }
            #expect(error?.code == .unavailable)
        }
        let refused = try #require(capture.entries.first { $0.metadata["grpc.event"] == "connection_refused" })
        #expect(refused.level == .warning)
        #expect(refused.message.description.contains("maxConnections"))
        #expect(refused.metadata["grpc.peer"]?.description.hasPrefix("127.0.0.1:") == true)
    }

    @Test func aChannelLogsTheConnectsThatFail() async throws {
        // A port that was just free: bound by a server that then stopped.
        let gone = try await LoopbackServer.start()
        await gone.stop()
        let capture = LogCapture()
        var configuration = ChannelConfiguration()
        configuration.logConnectionEvents(to: capture.logger())
        let channel = try gone.channel(configuration)
        defer { channel.close() }
        let probe = Integrations_Test_Probe.Client(channel: channel)
        let error = await #expect(throws: RPCError.self) {
            _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
        }
        #expect(error?.code == .unavailable)
        let failed = try #require(capture.entries.first { $0.metadata["grpc.event"] == "connect_failed" })
        #expect(failed.level == .warning)
        #expect(failed.metadata["grpc.peer"] == .string("127.0.0.1:\(gone.port)"))
    }
}

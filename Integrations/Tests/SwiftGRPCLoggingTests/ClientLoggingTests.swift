import IntegrationTestSupport
import Logging
import SwiftGRPC
import SwiftGRPCLogging
import Testing

@Suite struct ClientLoggingTests {
    private func channel(logging capture: LogCapture, level: Logger.Level = .trace,
                         levels: RPCLogLevels = .client) -> ChannelConfiguration {
        var configuration = ChannelConfiguration()
        configuration.interceptors = [
            .apply(ClientLoggingInterceptor(logger: capture.logger(level: level), levels: levels), to: .all)
        ]
        return configuration
    }

    @Test func aCallIsLoggedWithItsTargetAndStatus() async throws {
        let capture = LogCapture()
        let port = try await withProbe(channel: channel(logging: capture)) { probe, server in
            _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
            return server.port
        }
        let started = try #require(capture.entries(startingWith: "RPC started").first)
        #expect(started.level == .debug)
        #expect(started.metadata["grpc.target"] == .string("127.0.0.1:\(port)"))
        let finished = try #require(capture.entries(startingWith: "RPC finished").first)
        #expect(finished.level == .debug)
        #expect(finished.metadata["grpc.method"] == "/integrations.test.Probe/Echo")
        #expect(finished.metadata["grpc.status_code"] == "OK")
        #expect(finished.metadata["grpc.requests"] == "1")
        #expect(finished.metadata["grpc.responses"] == "1")
    }

    @Test func theEndIsLoggedBeforeTheCallerSeesIt() async throws {
        let capture = LogCapture()
        try await withProbe(channel: channel(logging: capture)) { probe, _ in
            await #expect(throws: RPCError.self) {
                _ = try await probe.echo(.with { $0.failWith = Int32(StatusCode.unavailable.rawValue) }, options: probeCallOptions)
            }
            let finished = try #require(capture.entries(startingWith: "RPC finished").first)
            #expect(finished.level == .warning)
            #expect(finished.metadata["grpc.status_code"] == "UNAVAILABLE")
        }
    }

    @Test func credentialsAreNeverLogged() async throws {
        let capture = LogCapture()
        try await withProbe(channel: channel(logging: capture)) { probe, _ in
            var options = probeCallOptions
            options.metadata.addString("Bearer s3cr3t", forKey: "authorization")
            options.metadata.addString("k3y-s3cr3t", forKey: "x-api-key")
            _ = try await probe.echo(.with { $0.text = "hello" }, options: options)
        }
        let started = try #require(capture.entries(startingWith: "RPC started").first)
        #expect(started.metadata["grpc.request_metadata_keys"] == ["authorization", "x-api-key"])
        #expect(!capture.everything.contains("s3cr3t"))
    }

    @Test func bidirectionalCallsCountBothWays() async throws {
        let capture = LogCapture()
        try await withProbe(channel: channel(logging: capture, levels: .always(.info))) { probe, _ in
            let chat = try await probe.chat(options: probeCallOptions)
            try await chat.requests.write(.with { $0.text = "one" })
            try await chat.requests.write(.with { $0.text = "two" })
            chat.requests.finish()
            var texts: [String] = []
            for try await reply in chat.responses { texts.append(reply.text) }
            #expect(texts == ["one", "two"])
        }
        let finished = try #require(capture.entries(startingWith: "RPC finished").first)
        #expect(finished.level == .info)
        #expect(finished.metadata["grpc.requests"] == "2")
        #expect(finished.metadata["grpc.responses"] == "2")
    }
}

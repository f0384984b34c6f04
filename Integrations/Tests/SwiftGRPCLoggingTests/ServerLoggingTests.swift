import IntegrationTestSupport
import Logging
import SwiftGRPC
import SwiftGRPCLogging
import Testing

@Suite struct ServerLoggingTests {
    private func server(logging capture: LogCapture, level: Logger.Level = .trace) -> ServerConfiguration {
        var configuration = ServerConfiguration()
        configuration.interceptors = [.apply(ServerLoggingInterceptor(logger: capture.logger(level: level)), to: .all)]
        return configuration
    }

    @Test func aCallIsLoggedWhenItStartsAndWhenItEnds() async throws {
        let capture = LogCapture()
        try await withProbe(server: server(logging: capture)) { probe, _ in
            var options = probeCallOptions
            options.metadata.addString("42", forKey: "x-request-id")
            _ = try await probe.echo(.with { $0.text = "hello" }, options: options)
        }
        let started = try #require(capture.entries(startingWith: "RPC started").first)
        #expect(started.level == .debug)
        #expect(started.metadata["grpc.method"] == "/integrations.test.Probe/Echo")
        #expect(started.metadata["grpc.call_kind"] == "unary")
        #expect(started.metadata["grpc.request_metadata_keys"] == ["x-request-id"])

        let finished = try #require(capture.entries(startingWith: "RPC finished").first)
        #expect(finished.level == .info)
        #expect(finished.message.description == "RPC finished: OK")
        #expect(finished.metadata["grpc.method"] == "/integrations.test.Probe/Echo")
        #expect(finished.metadata["grpc.peer"]?.description.hasPrefix("127.0.0.1:") == true)
        #expect(finished.metadata["grpc.status_code"] == "OK")
        #expect(finished.metadata["grpc.requests"] == "1")
        #expect(finished.metadata["grpc.responses"] == "1")
        #expect(finished.metadata["grpc.duration_ms"]?.description.contains(".") == true)
    }

    @Test func credentialsAreNeverLoggedEvenAtTrace() async throws {
        let capture = LogCapture()
        try await withProbe(server: server(logging: capture, level: .trace)) { probe, _ in
            var options = probeCallOptions
            options.metadata.addString("Bearer s3cr3t-token", forKey: "authorization")
            options.metadata.addString("session=s3cr3t-cookie", forKey: "cookie")
            options.metadata.addString("visible", forKey: "x-tenant")
            options.metadata.addBinary([1, 2, 3], forKey: "x-blob-bin")
            _ = try await probe.echo(.with { $0.text = "hello" }, options: options)
        }
        let started = try #require(capture.entries(startingWith: "RPC started").first)
        #expect(started.metadata["grpc.request_metadata_keys"] == ["authorization", "cookie", "x-tenant", "x-blob-bin"])
        guard case .dictionary(let values)? = started.metadata["grpc.request_metadata"] else {
            Issue.record("no request metadata values at trace level")
            return
        }
        #expect(values["authorization"] == "<redacted>")
        #expect(values["cookie"] == "<redacted>")
        #expect(values["x-tenant"] == "visible")
        #expect(values["x-blob-bin"] == "<3 bytes>")
        #expect(!capture.everything.contains("s3cr3t"))
    }

    @Test func authorizationStaysRedactedWhateverTheKeysGiven() async throws {
        let capture = LogCapture()
        var configuration = ServerConfiguration()
        configuration.interceptors = [.apply(ServerLoggingInterceptor(logger: capture.logger(), redactedKeys: ["X-Internal"]), to: .all)]
        try await withProbe(server: configuration) { probe, _ in
            var options = probeCallOptions
            options.metadata.addString("Bearer s3cr3t", forKey: "authorization")
            options.metadata.addString("internal-s3cr3t", forKey: "x-internal")
            _ = try await probe.echo(.with { $0.text = "hello" }, options: options)
        }
        #expect(capture.entries(startingWith: "RPC started").count == 1)
        #expect(!capture.everything.contains("s3cr3t"))
    }

    @Test func withoutDebugOnlyTheEndIsLoggedAndNoMetadataKeys() async throws {
        let capture = LogCapture()
        try await withProbe(server: server(logging: capture, level: .info)) { probe, _ in
            _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
        }
        #expect(capture.entries.map(\.message.description) == ["RPC finished: OK"])
    }

    @Test(arguments: [(StatusCode.notFound, Logger.Level.info), (.internalError, .error), (.resourceExhausted, .warning)])
    func failuresAreLoggedAtTheLevelOfTheirCode(code: StatusCode, level: Logger.Level) async throws {
        let capture = LogCapture()
        try await withProbe(server: server(logging: capture)) { probe, _ in
            await #expect(throws: RPCError.self) {
                _ = try await probe.echo(.with { $0.failWith = Int32(code.rawValue) }, options: probeCallOptions)
            }
        }
        let finished = try #require(capture.entries(startingWith: "RPC finished").first)
        #expect(finished.level == level)
        #expect(finished.message.description == "RPC finished: \(code): failing as asked")
        #expect(finished.metadata["grpc.status_code"] == .string(code.description))
        #expect(finished.metadata["grpc.status_message"] == "failing as asked")
        #expect(finished.metadata["grpc.responses"] == "0")
    }

    @Test func streamingCallsCountTheirMessages() async throws {
        let capture = LogCapture()
        try await withProbe(server: server(logging: capture)) { probe, _ in
            let reply = try await probe.collect(options: probeCallOptions) { requests in
                for text in ["a", "b", "c"] { try await requests.write(.with { $0.text = text }) }
                requests.finish()
            }
            #expect(reply.text == "a b c")
            var replies = 0
            for try await _ in try await probe.expand(.with { $0.text = "x"; $0.count = 4 }, options: probeCallOptions) { replies += 1 }
            #expect(replies == 4)
        }
        let finished = capture.entries(startingWith: "RPC finished")
        let collect = try #require(finished.first { $0.metadata["grpc.method"] == "/integrations.test.Probe/Collect" })
        #expect(collect.metadata["grpc.requests"] == "3")
        #expect(collect.metadata["grpc.responses"] == "1")
        let expand = try #require(finished.first { $0.metadata["grpc.method"] == "/integrations.test.Probe/Expand" })
        #expect(expand.metadata["grpc.requests"] == "1")
        #expect(expand.metadata["grpc.responses"] == "4")
    }

    @Test func handlersLogThroughTheCallsTaskLocalLogger() async throws {
        let capture = LogCapture()
        let service = ProbeService { _, _ in Logger.current.info("inside the handler") }
        try await withProbe(service, server: server(logging: capture)) { probe, _ in
            _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
        }
        let inside = try #require(capture.entries(startingWith: "inside the handler").first)
        #expect(inside.metadata["grpc.method"] == "/integrations.test.Probe/Echo")
        #expect(inside.metadata["grpc.peer"]?.description.hasPrefix("127.0.0.1:") == true)
    }

    @Test func defaultLevelsFollowWhoseFaultItIs() {
        #expect(RPCLogLevels.server.level(for: .ok) == .info)
        #expect(RPCLogLevels.server.level(for: .invalidArgument) == .info)
        #expect(RPCLogLevels.server.level(for: .deadlineExceeded) == .warning)
        #expect(RPCLogLevels.server.level(for: .unknown) == .error)
        #expect(RPCLogLevels.client.level(for: .ok) == .debug)
        #expect(RPCLogLevels.client.level(for: .deadlineExceeded) == .info)
        #expect(RPCLogLevels.client.level(for: .unavailable) == .warning)
        #expect(RPCLogLevels.always(.notice).level(for: .dataLoss) == .notice)
    }
}

import IntegrationTestSupport
import MetricsTestKit
import SwiftGRPC
import SwiftGRPCMetrics
import SwiftProto
import Testing

@Suite struct MetricsInterceptorTests {
    /// A server and a channel recording into metrics of their own, as two processes would.
    private struct Recorded {
        let server = TestMetrics()
        let client = TestMetrics()

        var serverConfiguration: ServerConfiguration {
            var configuration = ServerConfiguration()
            configuration.interceptors = [.apply(ServerMetricsInterceptor(factory: server), to: .all)]
            return configuration
        }

        var channelConfiguration: ChannelConfiguration {
            var configuration = ChannelConfiguration()
            configuration.interceptors = [.apply(ClientMetricsInterceptor(factory: client), to: .all)]
            return configuration
        }
    }

    private func dimensions(_ method: String) -> [(String, String)] {
        [("rpc.system", "grpc"), ("rpc.service", "integrations.test.Probe"), ("rpc.method", method)]
    }

    private func clientDimensions(_ method: String, port: Int) -> [(String, String)] {
        dimensions(method) + [("server.address", "127.0.0.1"), ("server.port", String(port))]
    }

    private func size(_ message: some Message) throws -> Double {
        Double(try message.serializedBytes().count)
    }

    @Test func aUnaryCallIsCountedTimedAndSizedOnBothSides() async throws {
        let recorded = Recorded()
        let request = Integrations_Test_ProbeRequest.with { $0.text = "hello, metrics" }
        let (reply, port) = try await withProbe(server: recorded.serverConfiguration, channel: recorded.channelConfiguration) { probe, server in
            (try await probe.echo(request, options: probeCallOptions), server.port)
        }

        let method = dimensions("Echo")
        let ok = method + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.server.expectCounter("rpc.server.call.started", method).totalValue == 1)
        #expect(try recorded.server.expectTimer("rpc.server.duration", ok).values.count == 1)
        #expect(try recorded.server.expectRecorder("rpc.server.request.size", method).values == [try size(request)])
        #expect(try recorded.server.expectRecorder("rpc.server.response.size", method).values == [try size(reply)])
        #expect(try recorded.server.expectRecorder("rpc.server.requests_per_rpc", ok).values == [1])
        #expect(try recorded.server.expectRecorder("rpc.server.responses_per_rpc", ok).values == [1])

        let target = clientDimensions("Echo", port: port)
        let clientOK = target + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.client.expectCounter("rpc.client.call.started", target).totalValue == 1)
        #expect(try recorded.client.expectTimer("rpc.client.duration", clientOK).values.count == 1)
        #expect(try recorded.client.expectRecorder("rpc.client.request.size", target).values == [try size(request)])
        #expect(try recorded.client.expectRecorder("rpc.client.response.size", target).values == [try size(reply)])
        #expect(try recorded.client.expectRecorder("rpc.client.requests_per_rpc", clientOK).values == [1])
        #expect(try recorded.client.expectRecorder("rpc.client.responses_per_rpc", clientOK).values == [1])
    }

    @Test func aFailedCallIsRecordedUnderItsStatusCode() async throws {
        let recorded = Recorded()
        let port = try await withProbe(server: recorded.serverConfiguration, channel: recorded.channelConfiguration) { probe, server in
            for _ in 0..<2 {
                await #expect(throws: RPCError.self) {
                    _ = try await probe.echo(.with { $0.failWith = Int32(StatusCode.notFound.rawValue) }, options: probeCallOptions)
                }
            }
            return server.port
        }
        let notFound = dimensions("Echo") + [("rpc.grpc.status_code", "5")]
        #expect(try recorded.server.expectCounter("rpc.server.call.started", dimensions("Echo")).totalValue == 2)
        #expect(try recorded.server.expectTimer("rpc.server.duration", notFound).values.count == 2)
        #expect(try recorded.server.expectRecorder("rpc.server.responses_per_rpc", notFound).values == [0, 0])
        #expect(throws: (any Error).self) {
            try recorded.server.expectTimer("rpc.server.duration", dimensions("Echo") + [("rpc.grpc.status_code", "0")])
        }
        let clientNotFound = clientDimensions("Echo", port: port) + [("rpc.grpc.status_code", "5")]
        #expect(try recorded.client.expectTimer("rpc.client.duration", clientNotFound).values.count == 2)
        #expect(try recorded.client.expectRecorder("rpc.client.responses_per_rpc", clientNotFound).values == [0, 0])
    }

    @Test func streamingCallsRecordEveryMessageAndTheirCounts() async throws {
        let recorded = Recorded()
        let requests = ["a", "bb", "ccc"].map { text in Integrations_Test_ProbeRequest.with { $0.text = text } }
        let port = try await withProbe(server: recorded.serverConfiguration, channel: recorded.channelConfiguration) { probe, server in
            _ = try await probe.collect(options: probeCallOptions) { sender in
                for request in requests { try await sender.write(request) }
                sender.finish()
            }
            var replies = 0
            for try await _ in try await probe.expand(.with { $0.text = "x"; $0.count = 4 }, options: probeCallOptions) { replies += 1 }
            #expect(replies == 4)
            return server.port
        }

        let collectOK = dimensions("Collect") + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.server.expectRecorder("rpc.server.request.size", dimensions("Collect")).values
            == requests.map { try size($0) })
        #expect(try recorded.server.expectRecorder("rpc.server.requests_per_rpc", collectOK).values == [3])
        #expect(try recorded.server.expectRecorder("rpc.server.responses_per_rpc", collectOK).values == [1])

        let expandOK = dimensions("Expand") + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.server.expectRecorder("rpc.server.response.size", dimensions("Expand")).values.count == 4)
        #expect(try recorded.server.expectRecorder("rpc.server.requests_per_rpc", expandOK).values == [1])
        #expect(try recorded.server.expectRecorder("rpc.server.responses_per_rpc", expandOK).values == [4])

        let clientExpandOK = clientDimensions("Expand", port: port) + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.client.expectRecorder("rpc.client.responses_per_rpc", clientExpandOK).values == [4])
        let clientCollectOK = clientDimensions("Collect", port: port) + [("rpc.grpc.status_code", "0")]
        #expect(try recorded.client.expectRecorder("rpc.client.requests_per_rpc", clientCollectOK).values == [3])
    }

    @Test func onlyTheMethodsSelectedAreRecorded() async throws {
        let metrics = TestMetrics()
        var configuration = ServerConfiguration()
        configuration.interceptors = [
            .apply(ServerMetricsInterceptor(factory: metrics), to: .methods([Integrations_Test_Probe.Method.echo]))
        ]
        try await withProbe(server: configuration) { probe, _ in
            _ = try await probe.echo(.with { $0.text = "counted" }, options: probeCallOptions)
            for try await _ in try await probe.expand(.with { $0.count = 1 }, options: probeCallOptions) {}
        }
        #expect(metrics.counters.map(\.label) == ["rpc.server.call.started"])
        #expect(try metrics.expectCounter("rpc.server.call.started", dimensions("Echo")).totalValue == 1)
    }
}

import IntegrationTestSupport
import InMemoryTracing
import Synchronization
import SwiftGRPC
import SwiftGRPCTracing
import Testing
import Tracing

@Suite struct TracingInterceptorTests {
    /// A server and a channel tracing with tracers of their own, as two processes would.
    private struct Traced {
        let server = W3CInMemoryTracer()
        let client = W3CInMemoryTracer()

        func serverConfiguration(messageEvents: Bool = false) -> ServerConfiguration {
            var configuration = ServerConfiguration()
            configuration.interceptors = [.apply(ServerTracingInterceptor(tracer: server, messageEvents: messageEvents), to: .all)]
            return configuration
        }

        func channelConfiguration(messageEvents: Bool = false) -> ChannelConfiguration {
            var configuration = ChannelConfiguration()
            configuration.interceptors = [.apply(ClientTracingInterceptor(tracer: client, messageEvents: messageEvents), to: .all)]
            return configuration
        }
    }

    /// What a handler saw: the `traceparent` it was sent, and the task-local context it ran in.
    private final class HandlerView: Sendable {
        let seen = Mutex<(traceparent: String?, context: InMemorySpanContext?)>((nil, nil))
    }

    @Test func theClientsSpanIsTheParentOfTheServersOverW3CTraceparent() async throws {
        let traced = Traced()
        let view = HandlerView()
        let tracer = traced.server
        let service = ProbeService { _, context in
            view.seen.withLock { $0 = (context.requestMetadata.firstString(forKey: "traceparent"), ServiceContext.current?.inMemorySpanContext) }
            tracer.withSpan("handler work") { _ in }
        }
        let port = try await withProbe(service, server: traced.serverConfiguration(), channel: traced.channelConfiguration()) { probe, server in
            _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
            return server.port
        }

        let client = try #require(traced.client.finishedSpans.only)
        #expect(client.operationName == "integrations.test.Probe/Echo")
        #expect(client.kind == .client)
        #expect(client.parentSpanID == nil)
        #expect(client.attributes.get("rpc.system") == "grpc")
        #expect(client.attributes.get("rpc.service") == "integrations.test.Probe")
        #expect(client.attributes.get("rpc.method") == "Echo")
        #expect(client.attributes.get("rpc.grpc.status_code") == 0)
        #expect(client.attributes.get("server.address") == "127.0.0.1")
        #expect(client.attributes.get("server.port") == .int64(Int64(port)))
        #expect(client.status == nil)

        let (traceparent, handlerContext) = view.seen.withLock { $0 }
        #expect(traceparent == "00-\(client.traceID)-\(client.spanID)-01")

        let serverSpans = traced.server.finishedSpans
        let server = try #require(serverSpans.first { $0.kind == .server })
        #expect(server.operationName == "integrations.test.Probe/Echo")
        #expect(server.traceID == client.traceID)
        #expect(server.parentSpanID == client.spanID)
        #expect(server.attributes.get("rpc.system") == "grpc")
        #expect(server.attributes.get("rpc.method") == "Echo")
        #expect(server.attributes.get("rpc.grpc.status_code") == 0)
        #expect(server.attributes.get("network.peer.address") == "127.0.0.1")
        #expect(server.status == nil)

        #expect(handlerContext?.spanID == server.spanID)
        let work = try #require(serverSpans.first { $0.operationName == "handler work" })
        #expect(work.traceID == client.traceID)
        #expect(work.parentSpanID == server.spanID)
    }

    @Test func theCallersContextIsTheClientSpansParent() async throws {
        let traced = Traced()
        try await withProbe(server: traced.serverConfiguration(), channel: traced.channelConfiguration()) { probe, _ in
            try await traced.client.withSpan("checkout") { _ in
                _ = try await probe.echo(.with { $0.text = "hello" }, options: probeCallOptions)
            }
        }
        let spans = traced.client.finishedSpans
        let checkout = try #require(spans.first { $0.operationName == "checkout" })
        let call = try #require(spans.first { $0.kind == .client })
        #expect(call.traceID == checkout.traceID)
        #expect(call.parentSpanID == checkout.spanID)
        let server = try #require(traced.server.finishedSpans.only)
        #expect(server.traceID == checkout.traceID)
    }

    @Test func aClientsMistakeIsAnErrorForTheClientOnly() async throws {
        let traced = Traced()
        try await withProbe(server: traced.serverConfiguration(), channel: traced.channelConfiguration()) { probe, _ in
            await #expect(throws: RPCError.self) {
                _ = try await probe.echo(.with { $0.failWith = Int32(StatusCode.notFound.rawValue) }, options: probeCallOptions)
            }
        }
        let client = try #require(traced.client.finishedSpans.only)
        #expect(client.attributes.get("rpc.grpc.status_code") == 5)
        #expect(client.status == SpanStatus(code: .error, message: "NOT_FOUND: failing as asked"))
        #expect(client.errors.count == 1)
        let server = try #require(traced.server.finishedSpans.only)
        #expect(server.attributes.get("rpc.grpc.status_code") == 5)
        #expect(server.status == nil)
        #expect(server.errors.isEmpty)
    }

    @Test func aServersFaultIsAnErrorOnBothSides() async throws {
        let traced = Traced()
        try await withProbe(server: traced.serverConfiguration(), channel: traced.channelConfiguration()) { probe, _ in
            await #expect(throws: RPCError.self) {
                _ = try await probe.echo(.with { $0.failWith = Int32(StatusCode.internalError.rawValue) }, options: probeCallOptions)
            }
        }
        let server = try #require(traced.server.finishedSpans.only)
        #expect(server.attributes.get("rpc.grpc.status_code") == 13)
        #expect(server.status == SpanStatus(code: .error, message: "INTERNAL: failing as asked"))
        #expect((server.errors.first?.error as? RPCError)?.code == .internalError)
        let client = try #require(traced.client.finishedSpans.only)
        #expect(client.status?.code == .error)
    }

    @Test func messageEventsNumberEachMessageEachWay() async throws {
        let traced = Traced()
        try await withProbe(server: traced.serverConfiguration(messageEvents: true),
                            channel: traced.channelConfiguration(messageEvents: true)) { probe, _ in
            let chat = try await probe.chat(options: probeCallOptions)
            for text in ["one", "two"] {
                try await chat.requests.write(.with { $0.text = text })
            }
            chat.requests.finish()
            for try await _ in chat.responses {}
        }
        let client = try #require(traced.client.finishedSpans.only)
        #expect(client.operationName == "integrations.test.Probe/Chat")
        #expect(client.events.map(\.name) == Array(repeating: "rpc.message", count: 4))
        let sent = client.events.filter { $0.attributes.get("rpc.message.type") == "SENT" }
        #expect(sent.map { $0.attributes.get("rpc.message.id") } == [1, 2])
        #expect(sent.first?.attributes.get("rpc.message.uncompressed_size") == 5)
        let server = try #require(traced.server.finishedSpans.only)
        #expect(server.events.filter { $0.attributes.get("rpc.message.type") == "RECEIVED" }.count == 2)
        #expect(server.events.filter { $0.attributes.get("rpc.message.type") == "SENT" }.count == 2)
    }

    @Test func aTracerWithItsOwnKeysPropagatesToo() async throws {
        let client = InMemoryTracer()
        let server = InMemoryTracer()
        var serverConfiguration = ServerConfiguration()
        serverConfiguration.interceptors = [.apply(ServerTracingInterceptor(tracer: server), to: .all)]
        var channelConfiguration = ChannelConfiguration()
        channelConfiguration.interceptors = [.apply(ClientTracingInterceptor(tracer: client), to: .all)]
        try await withProbe(server: serverConfiguration, channel: channelConfiguration) { probe, _ in
            for try await _ in try await probe.expand(.with { $0.count = 2 }, options: probeCallOptions) {}
        }
        let injected = try #require(client.performedContextInjections.only)
        #expect(injected.values[InMemoryTracer.traceIDKey] != nil)
        let clientSpan = try #require(client.finishedSpans.only)
        let serverSpan = try #require(server.finishedSpans.only)
        #expect(serverSpan.traceID == clientSpan.traceID)
        #expect(serverSpan.parentSpanID == clientSpan.spanID)
    }
}

extension Array {
    /// The one element, or nil when there are none or several.
    var only: Element? { count == 1 ? first : nil }
}

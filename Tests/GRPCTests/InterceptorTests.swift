import SwiftGRPC
import SwiftProto
import Synchronization
import TestMessages
import TestServices
import Testing

typealias Echo = Swiftgrpc_Test_Echo

/// Client and server interceptors end to end over the Echo service, for each call kind.
@Suite(.timeLimit(.minutes(1)))
struct InterceptorTests {
    static let kinds: [CallKind] = [.unary, .serverStreaming, .clientStreaming, .bidirectionalStreaming]

    @Test(arguments: kinds, Transport.tcpAndInProcess)
    func interceptorsRunInTheirOrderAroundEveryMessage(kind: CallKind, transport: Transport) async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all), .apply(RecordingServer("B", serverTrace), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all), .apply(RecordingClient("D", clientTrace), to: .all)]
        try await withEcho(configuration: server, channel: channel, transport: transport) { _, channel, _ in
            let outcome = try await perform(kind, on: channel)
            #expect(outcome.texts == EchoExchange.of(kind).responses)
        }
        let exchange = EchoExchange.of(kind)
        // Outermost first toward the wire, innermost first back from it.
        var client = ["C start \(exchange.method) \(kind)", "D start \(exchange.method) \(kind)"]
        var handler = ["A start \(exchange.method) \(kind)", "B start \(exchange.method) \(kind)"]
        for step in exchange.steps {
            switch step {
            case .request(let text):
                client += ["C request \(text)", "D request \(text)"]
                handler += ["A request \(text)", "B request \(text)"]
            case .response(let text):
                client += ["D response \(text)", "C response \(text)"]
                handler += ["B response \(text)", "A response \(text)"]
            }
        }
        client += ["D finish OK", "C finish OK"]
        handler += ["B end OK", "A end OK"]
        #expect(clientTrace.entries == client)
        #expect(serverTrace.entries == handler)
    }

    @Test(arguments: kinds)
    func metadataChangesReachTheHandlerAndTrailersComeBack(kind: CallKind) async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(AppendToEcho(suffix: "+server", trace: serverTrace), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(SetEcho(value: "client", trace: clientTrace), to: .all)]
        try await withEcho(configuration: server, channel: channel) { _, channel, _ in
            let outcome = try await perform(kind, on: channel)
            // Echo answers x-echo with the header it saw: the client's value as the server's interceptor left it.
            #expect(outcome.headers.firstString(forKey: "x-echo") == "client+server")
            #expect(outcome.trailers.firstString(forKey: "x-intercepted") == "yes")
            #expect(outcome.trailers.firstBinary(forKey: "x-echo-bin") == [1, 2, 3])
        }
        // The server's interceptor saw the handler's trailer after it returned, the client's its end's trailers.
        #expect(serverTrace.entries == ["trailers x-echo-bin x-intercepted"])
        #expect(clientTrace.entries == ["finish OK x-echo-bin=AQID x-intercepted=yes"])
    }

    @Test(arguments: kinds)
    func aServerInterceptorRejectsTheCallBeforeItsHandlerRuns(kind: CallKind) async throws {
        let serverTrace = Trace()
        let echo = HandlerCountingEcho()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all), .apply(RequireToken(token: "t0k3n"), to: .all)]
        try await withEcho(configuration: server, services: [echo]) { _, channel, _ in
            let refused = await rpcError { _ = try await perform(kind, on: channel) }
            #expect(refused?.code == .unauthenticated)
            #expect(refused?.message == "no token")
            #expect(echo.calls == 0)
        }
        let method = EchoExchange.of(kind).method
        #expect(serverTrace.entries == ["A start \(method) \(kind)", "A end UNAUTHENTICATED"])

        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(SendToken(token: "t0k3n"), to: .all)]
        try await withEcho(configuration: server, channel: channel, services: [echo]) { _, channel, _ in
            let outcome = try await perform(kind, on: channel)
            #expect(outcome.texts == EchoExchange.of(kind).responses)
            #expect(echo.calls == 1)
        }
    }

    @Test(arguments: kinds)
    func aClientInterceptorFailsTheCallWithoutSendingIt(kind: CallKind) async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        let echo = HandlerCountingEcho()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all),
                                .apply(Refuse(error: RPCError(code: .permissionDenied, message: "not from here")), to: .all),
                                .apply(RecordingClient("never", clientTrace), to: .all)]
        try await withEcho(configuration: server, channel: channel, services: [echo]) { _, channel, _ in
            let refused = await rpcError { _ = try await perform(kind, on: channel) }
            #expect(refused == RPCError(code: .permissionDenied, message: "not from here"))
        }
        // The interceptor before the refusing one hears of the end; the server heard of nothing.
        #expect(clientTrace.entries == ["C start \(EchoExchange.of(kind).method) \(kind)", "C finish PERMISSION_DENIED"])
        #expect(serverTrace.entries.isEmpty)
        #expect(echo.calls == 0)
    }

    @Test(arguments: kinds)
    func aStatusSetAfterTheHandlerReachesBothSidesWithItsTrailers(kind: CallKind) async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all), .apply(Overrule(), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all)]
        try await withEcho(configuration: server, channel: channel) { _, channel, _ in
            let error = await rpcError { _ = try await perform(kind, on: channel) }
            #expect(error?.code == .dataLoss && error?.message == "overruled")
            #expect(error?.metadata.firstString(forKey: "x-overruled") == "yes")
        }
        #expect(serverTrace.entries.last == "A end DATA_LOSS")
        #expect(clientTrace.entries.last == "C finish DATA_LOSS x-overruled=yes")
    }

    @Test func handlerErrorsReachTheInterceptorsAsTheirStatus() async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all)]
        try await withEcho(configuration: server, channel: channel) { client, _, _ in
            let notFound = await rpcError { _ = try await client.get(request("gone", count: Int32(StatusCode.notFound.rawValue))) }
            #expect(notFound?.code == .notFound)
            // An error that is not an RPCError reaches interceptors as the client sees it: UNKNOWN.
            let plain = await rpcError { _ = try await client.get(request("throw-plain")) }
            #expect(plain?.code == .unknown)
            let call = try await client.update()
            try await call.requests.write(request("stop", count: -1))
            let aborted = await rpcError { for try await _ in call.responses {} }
            #expect(aborted?.code == .aborted)
        }
        #expect(serverTrace.entries.filter { $0.contains(" end ") } == ["A end NOT_FOUND", "A end UNKNOWN", "A end ABORTED"])
        #expect(clientTrace.entries.filter { $0.contains(" finish ") } == ["C finish NOT_FOUND", "C finish UNKNOWN", "C finish ABORTED"])
    }

    @Test func interceptorsApplyToTheirServicesAndMethods() async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [
            .apply(RecordingServer("get", serverTrace), to: .methods([Echo.Method.get])),
            .apply(RecordingServer("echo", serverTrace), to: .services([Echo.serviceName])),
            .apply(RecordingServer("other", serverTrace), to: .services(["other.Service"])),
        ]
        var channel = ChannelConfiguration()
        channel.interceptors = [
            .apply(RecordingClient("streams", clientTrace), to: .methods([Echo.Method.expand, Echo.Method.update])),
            .apply(RecordingClient("echo", clientTrace), to: .services([Echo.serviceName])),
            .apply(RecordingClient("other", clientTrace), to: .methods(["/other.Service/Get"])),
        ]
        try await withEcho(configuration: server, channel: channel) { _, channel, _ in
            for kind in InterceptorTests.kinds { _ = try await perform(kind, on: channel) }
        }
        let starts = { (trace: Trace) in trace.entries.filter { $0.contains(" start ") }.map { $0.split(separator: " ").prefix(3).joined(separator: " ") } }
        #expect(starts(serverTrace) == ["get start Get", "echo start Get", "echo start Expand", "echo start Collect", "echo start Update"])
        #expect(starts(clientTrace) == ["echo start Get", "streams start Expand", "echo start Expand", "echo start Collect",
                                        "streams start Update", "echo start Update"])
    }

    @Test func observersSeeTheEncodedSizeAndCompression() async throws {
        let sizes = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(SizeRecorder(trace: sizes), to: .all)]
        try await withEcho(configuration: server) { client, _, _ in
            let message = request("sized", payload: Array(repeating: 7, count: 300))
            _ = try await client.get(message, options: CallOptions(compression: .gzip))
            let expected = try message.serializedBytes().count
            let response = try Swiftgrpc_Test_EchoResponse.with { $0.text = "sized"; $0.payload = message.payload }.serializedBytes().count
            #expect(sizes.entries == ["request \(expected) compressed", "response \(response) plain"])
        }
    }

    @Test func aServerObserverFailsTheCall() async throws {
        let echo = HandlerCountingEcho()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RejectText("bad"), to: .all)]
        try await withEcho(configuration: server, services: [echo]) { client, _, _ in
            let refused = await rpcError { _ = try await client.get(request("bad")) }
            #expect(refused == RPCError(code: .invalidArgument, message: "no bad here"))
            let collected = await rpcError {
                _ = try await client.collect { requests in
                    for word in ["good", "bad", "late"] { try await requests.write(request(word)) }
                }
            }
            #expect(collected?.code == .invalidArgument)
            let fine = try await client.get(request("fine"))
            #expect(fine.text == "fine")
        }
    }

    @Test func aClientObserverFailsTheCallAndTheServerSeesItCancelled() async throws {
        let clientTrace = Trace(), serverTrace = Trace()
        var server = ServerConfiguration()
        server.interceptors = [.apply(RecordingServer("A", serverTrace), to: .all)]
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all), .apply(FailOnResponse("n 1"), to: .all)]
        try await withEcho(configuration: server, channel: channel) { client, _, _ in
            var texts: [String] = []
            let failed = await rpcError {
                for try await reply in try await client.expand(request("n", count: 1000, delayMs: 1)) { texts.append(reply.text) }
            }
            #expect(failed == RPCError(code: .failedPrecondition, message: "n 1 is not welcome"))
            #expect(texts == ["n 0"])
            #expect(clientTrace.entries.last == "C finish FAILED_PRECONDITION")
            // The handler was still writing: the server ends the call as cancelled by the client.
            #expect(await serverTrace.waitFor("A end CANCELLED"))
        }
    }

    @Test func aStreamDroppedUnreadStillReportsItsEnd() async throws {
        let clientTrace = Trace()
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .all)]
        try await withEcho(channel: channel) { client, _, _ in
            do {
                let stream = try await client.expand(request("n", count: 1000, delayMs: 1))
                var replies = stream.makeAsyncIterator()
                #expect(try await replies.next()?.text == "n 0")
            }
            #expect(await clientTrace.waitFor("C finish CANCELLED"))
            #expect(clientTrace.entries.filter { $0.contains("finish") }.count == 1)
        }
    }

    @Test func callsWithNoInterceptorThatAppliesAreUntouched() async throws {
        let clientTrace = Trace()
        var channel = ChannelConfiguration()
        channel.interceptors = [.apply(RecordingClient("C", clientTrace), to: .services(["other.Service"]))]
        try await withEcho(channel: channel) { _, channel, _ in
            for kind in InterceptorTests.kinds {
                let outcome = try await perform(kind, on: channel)
                #expect(outcome.texts == EchoExchange.of(kind).responses)
            }
        }
        #expect(clientTrace.entries.isEmpty)
    }
}

// MARK: The calls, one per kind

/// What one canonical Echo call of each kind sends and receives.
struct EchoExchange {
    enum Step {
        case request(String)
        case response(String)
    }

    let method: String
    let steps: [Step]

    var responses: [String] {
        steps.compactMap { if case .response(let text) = $0 { text } else { nil } }
    }

    static func of(_ kind: CallKind) -> EchoExchange {
        switch kind {
        case .unary: EchoExchange(method: "Get", steps: [.request("hello"), .response("hello")])
        case .serverStreaming: EchoExchange(method: "Expand", steps: [.request("n"), .response("n 0"), .response("n 1")])
        case .clientStreaming: EchoExchange(method: "Collect", steps: [.request("a"), .request("b"), .response("a b")])
        case .bidirectionalStreaming:
            EchoExchange(method: "Update", steps: [.request("x"), .response("x"), .request("y"), .response("y")])
        }
    }
}

struct CallOutcome {
    var texts: [String]
    var headers: Metadata
    var trailers: Metadata
}

/// Runs the kind's exchange (`EchoExchange.of(kind)`), reading headers, responses and trailers.
func perform(_ kind: CallKind, on channel: Channel) async throws -> CallOutcome {
    typealias Response = Swiftgrpc_Test_EchoResponse
    switch kind {
    case .unary:
        let response = try await channel.unary(path: Echo.Method.get, request: request("hello"), as: Response.self)
        return CallOutcome(texts: [response.message.text], headers: response.headers, trailers: response.trailers)
    case .serverStreaming:
        let stream = try await channel.serverStreaming(path: Echo.Method.expand, request: request("n", count: 2), as: Response.self)
        var texts: [String] = []
        for try await reply in stream { texts.append(reply.text) }
        return CallOutcome(texts: texts, headers: try await stream.headers(), trailers: await stream.status().trailers)
    case .clientStreaming:
        let response = try await channel.clientStreaming(path: Echo.Method.collect, as: Response.self) { requests in
            for word in ["a", "b"] { try await requests.write(request(word)) }
        }
        return CallOutcome(texts: [response.message.text], headers: response.headers, trailers: response.trailers)
    case .bidirectionalStreaming:
        let call = try await channel.bidirectionalStreaming(path: Echo.Method.update, request: Swiftgrpc_Test_EchoRequest.self,
                                                            response: Response.self)
        var replies = call.responses.makeAsyncIterator()
        var texts: [String] = []
        for word in ["x", "y"] {
            try await call.requests.write(request(word))
            if let reply = try await replies.next() { texts.append(reply.text) }
        }
        call.requests.finish()
        while let reply = try await replies.next() { texts.append(reply.text) }
        return CallOutcome(texts: texts, headers: try await call.responses.headers(), trailers: await call.responses.status().trailers)
    }
}

// MARK: Interceptors for the tests

/// What interceptors saw, in order.
final class Trace: Sendable {
    private let recorded = Mutex<[String]>([])

    func add(_ entry: String) {
        recorded.withLock { $0.append(entry) }
    }

    var entries: [String] { recorded.withLock { $0 } }

    /// Whether `entry` arrives within a few seconds (bounded): a server's end can come after
    /// the client has its answer.
    func waitFor(_ entry: String) async -> Bool {
        for _ in 0..<500 {
            if entries.contains(entry) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return false
    }
}

/// The text of an Echo message.
func text(of observed: ObservedMessage) -> String {
    if let message = observed.message as? Swiftgrpc_Test_EchoRequest { return message.text }
    if let message = observed.message as? Swiftgrpc_Test_EchoResponse { return message.text }
    return "? \(type(of: observed.message))"
}

/// `key=value` for each trailer that is not Echo's own, sorted.
func describe(_ trailers: Metadata) -> String {
    trailers.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: " ")
}

struct RecordingServer: ServerInterceptor {
    let name: String
    let trace: Trace

    init(_ name: String, _ trace: Trace) {
        self.name = name
        self.trace = trace
    }

    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        let (name, trace) = (self.name, self.trace)
        trace.add("\(name) start \(call.method.method) \(call.method.kind)")
        var call = call
        call.onRequest { trace.add("\(name) request \(text(of: $0))") }
        call.onResponse { trace.add("\(name) response \(text(of: $0))") }
        do {
            try await next(call)
            trace.add("\(name) end OK")
        } catch let error as RPCError {
            trace.add("\(name) end \(error.code)")
            throw error
        }
    }
}

struct RecordingClient: ClientInterceptor {
    let name: String
    let trace: Trace

    init(_ name: String, _ trace: Trace) {
        self.name = name
        self.trace = trace
    }

    func intercept(_ call: inout ClientInterceptorCall) async throws {
        let (name, trace) = (self.name, self.trace)
        trace.add("\(name) start \(call.method.method) \(call.method.kind)")
        call.onRequest { trace.add("\(name) request \(text(of: $0))") }
        call.onResponse { trace.add("\(name) response \(text(of: $0))") }
        call.onFinish { status in
            let trailers = describe(status.trailers)
            trace.add("\(name) finish \(status.code)" + (trailers.isEmpty ? "" : " \(trailers)"))
        }
    }
}

/// Sets `x-echo` and `x-echo-bin`, and records the trailers the call ends with.
struct SetEcho: ClientInterceptor {
    let value: String
    let trace: Trace

    func intercept(_ call: inout ClientInterceptorCall) async throws {
        call.metadata.addString(value, forKey: "x-echo")
        call.metadata.addBinary([1, 2, 3], forKey: "x-echo-bin")
        call.onFinish { [trace] status in trace.add("finish \(status.code) \(describe(status.trailers))") }
    }
}

/// Appends to `x-echo` before the handler sees it, adds a trailer, and records the trailers
/// the handler left.
struct AppendToEcho: ServerInterceptor {
    let suffix: String
    let trace: Trace

    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        var call = call
        let value = call.metadata.firstString(forKey: "x-echo") ?? ""
        call.metadata.removeAll(forKey: "x-echo")
        call.metadata.addString(value + suffix, forKey: "x-echo")
        try call.context.addTrailer("yes", forKey: "x-intercepted")
        try await next(call)
        trace.add("trailers " + call.context.responseTrailers.map(\.key).sorted().joined(separator: " "))
    }
}

struct RequireToken: ServerInterceptor {
    let token: String

    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        guard call.metadata.firstString(forKey: "authorization") == "Bearer \(token)" else {
            throw RPCError(code: .unauthenticated, message: "no token")
        }
        try await next(call)
    }
}

struct SendToken: ClientInterceptor {
    let token: String

    func intercept(_ call: inout ClientInterceptorCall) async throws {
        call.metadata.addString("Bearer \(token)", forKey: "authorization")
    }
}

struct Refuse: ClientInterceptor {
    let error: RPCError

    func intercept(_ call: inout ClientInterceptorCall) async throws {
        throw error
    }
}

/// Lets the handler finish, then ends the call with DATA_LOSS and a trailer of its own.
struct Overrule: ServerInterceptor {
    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        try await next(call)
        throw RPCError(code: .dataLoss, message: "overruled", metadata: ["x-overruled": "yes"])
    }
}

struct SizeRecorder: ServerInterceptor {
    let trace: Trace

    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        var call = call
        call.onRequest { [trace] in trace.add("request \($0.serializedSize) \($0.compressed ? "compressed" : "plain")") }
        call.onResponse { [trace] in trace.add("response \($0.serializedSize) \($0.compressed ? "compressed" : "plain")") }
        try await next(call)
    }
}

/// Fails the handler's read of a request with this text.
struct RejectText: ServerInterceptor {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func intercept(_ call: ServerInterceptorCall, next: (ServerInterceptorCall) async throws -> Void) async throws {
        var call = call
        call.onRequest { [text] observed in
            if (observed.message as? Swiftgrpc_Test_EchoRequest)?.text == text {
                throw RPCError(code: .invalidArgument, message: "no \(text) here")
            }
        }
        try await next(call)
    }
}

/// Fails the call when a response with this text arrives.
struct FailOnResponse: ClientInterceptor {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    func intercept(_ call: inout ClientInterceptorCall) async throws {
        call.onResponse { [text] observed in
            if (observed.message as? Swiftgrpc_Test_EchoResponse)?.text == text {
                throw RPCError(code: .failedPrecondition, message: "\(text) is not welcome")
            }
        }
    }
}

/// The Echo service, counting the handlers that ran.
final class HandlerCountingEcho: Echo.SimpleServiceProtocol, Sendable {
    private let echo = EchoService()
    private let count = Mutex(0)

    var calls: Int { count.withLock { $0 } }

    private func counted() {
        count.withLock { $0 += 1 }
    }

    func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        counted()
        return try await echo.get(request: request, context: context)
    }

    func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        counted()
        try await echo.expand(request: request, responses: responses, context: context)
    }

    func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        counted()
        return try await echo.collect(requests: requests, context: context)
    }

    func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        counted()
        try await echo.update(requests: requests, responses: responses, context: context)
    }
}

import Synchronization
import Testing
@testable import SwiftGRPC
import TestMessages
import TestServices

/// An Echo server that fails on purpose, recording each attempt's `grpc-previous-rpc-attempts`.
///
/// Get: fails the first `count` attempts with UNAVAILABLE (text `invalid`: INVALID_ARGUMENT;
/// `pushback:V`: with trailer `grpc-retry-pushback-ms: V`), then answers `ok after N`; with
/// `delay_ms`, the first attempt sleeps that long before answering.
/// Collect: fails the first `count` attempts after reading every request, then joins the texts.
/// Expand: sends one reply, then fails with UNAVAILABLE (the call has committed).
final class FlakyEcho: Swiftgrpc_Test_Echo.SimpleServiceProtocol {
    let attempts = Mutex<[String]>([])
    /// Attempts whose handler was cancelled (the client reset the stream) while it slept.
    let cancelled = Atomic<Int>(0)

    var seen: [String] { attempts.withLock { $0 } }

    private func record(_ context: ServerContext) -> Int {
        let previous = context.requestMetadata.firstString(forKey: "grpc-previous-rpc-attempts")
        attempts.withLock { $0.append(previous ?? "-") }
        return Int(previous ?? "0") ?? 0
    }

    func get(request: Swiftgrpc_Test_EchoRequest, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        let previous = record(context)
        if request.delayMs > 0 && previous == 0 {
            do {
                try await Task.sleep(for: .milliseconds(Int(request.delayMs)))
            } catch {
                cancelled.add(1, ordering: .relaxed)
                throw error
            }
        }
        if previous < request.count {
            if request.text == "invalid" { throw RPCError(code: .invalidArgument, message: "no") }
            if request.text.hasPrefix("pushback:") {
                throw RPCError(code: .unavailable, message: "later", metadata: ["grpc-retry-pushback-ms": .string(String(request.text.dropFirst(9)))])
            }
            throw RPCError(code: .unavailable, message: "attempt \(previous + 1) fails")
        }
        return .with { $0.text = "ok after \(previous)" }
    }

    func expand(request: Swiftgrpc_Test_EchoRequest, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        _ = record(context)
        try await responses.write(.with { $0.text = "first" })
        throw RPCError(code: .unavailable, message: "after the first reply")
    }

    func collect(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, context: ServerContext) async throws -> Swiftgrpc_Test_EchoResponse {
        let previous = record(context)
        var texts: [String] = []
        var failures: Int32 = 0
        for try await request in requests {
            texts.append(request.text)
            failures = request.count
        }
        if previous < failures { throw RPCError(code: .unavailable, message: "attempt \(previous + 1) fails") }
        return .with {
            $0.text = texts.joined(separator: " ")
            $0.index = Int32(texts.count)
        }
    }

    func update(requests: RequestStream<Swiftgrpc_Test_EchoRequest>, responses: ResponseWriter<Swiftgrpc_Test_EchoResponse>,
                context: ServerContext) async throws {
        _ = record(context)
        for try await request in requests { try await responses.write(.with { $0.text = request.text }) }
    }
}

func retryConfig(maxAttempts: Int = 3, codes: String = #"["UNAVAILABLE"]"#, throttling: String = "") -> String {
    """
    {"methodConfig": [{"name": [{"service": "swiftgrpc.test.Echo"}],
      "retryPolicy": {"maxAttempts": \(maxAttempts), "initialBackoff": "0.01s", "maxBackoff": "0.05s",
                      "backoffMultiplier": 2, "retryableStatusCodes": \(codes)}}]\(throttling)}
    """
}

/// Runs `body` against a FlakyEcho server and a channel with `serviceConfig`.
func withFlaky(serviceConfig: String, configuration: ChannelConfiguration = ChannelConfiguration(),
               _ body: (Swiftgrpc_Test_Echo.Client, FlakyEcho) async throws -> Void) async throws {
    let service = FlakyEcho()
    try await withEcho(channel: configuration, serviceConfig: serviceConfig, services: [service]) { client, _, _ in
        try await body(client, service)
    }
}

@Suite(.timeLimit(.minutes(1)))
struct RetryTests {
    @Test func aRetryableFailureIsRetriedUntilTheThirdAttemptSucceeds() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let reply = try await client.get(request("x", count: 2))
            #expect(reply.text == "ok after 2")
            #expect(service.seen == ["-", "1", "2"])
        }
    }

    @Test func maxAttemptsBoundsTheRetries() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let error = await rpcError { _ = try await client.get(request("x", count: 5)) }
            #expect(error?.code == .unavailable)
            #expect(error?.message == "attempt 3 fails")
            #expect(service.seen == ["-", "1", "2"])
        }
    }

    @Test func aCodeNotListedIsNotRetried() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let error = await rpcError { _ = try await client.get(request("invalid", count: 1)) }
            #expect(error?.code == .invalidArgument)
            #expect(service.seen == ["-"])
        }
    }

    @Test func aCallIsNotRetriedOnceResponseHeadersCommittedIt() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            var replies: [String] = []
            let error = await rpcError {
                for try await reply in try await client.expand(request("x")) { replies.append(reply.text) }
            }
            #expect(replies == ["first"])
            #expect(error?.code == .unavailable)
            #expect(service.seen == ["-"])
        }
    }

    @Test func serverPushbackIsHonouredAndANegativeOneStopsRetries() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let start = ContinuousClock.now
            let reply = try await client.get(request("pushback:300", count: 1))
            #expect(reply.text == "ok after 1")
            #expect(ContinuousClock.now - start >= .milliseconds(300))
            #expect(service.seen == ["-", "1"])
            for value in ["-1", "soon"] {
                let error = await rpcError { _ = try await client.get(request("pushback:\(value)", count: 1)) }
                #expect(error?.code == .unavailable)
            }
            #expect(service.seen == ["-", "1", "-", "-"])
        }
    }

    @Test func aClientStreamIsReplayedIntactOnTheNextAttempt() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let response = try await client.collect { requests in
                for index in 0..<50 { try await requests.write(request("m\(index)", count: 2, payload: [UInt8](repeating: UInt8(index), count: 1000))) }
            }
            #expect(response.index == 50)
            #expect(response.text == (0..<50).map { "m\($0)" }.joined(separator: " "))
            #expect(service.seen == ["-", "1", "2"])
        }
    }

    @Test(arguments: ["perCallRetryBufferSize", "retryBufferSize"])
    func passingARetryBufferLimitCommitsTheCall(limit: String) async throws {
        var configuration = ChannelConfiguration()
        if limit == "retryBufferSize" { configuration.retryBufferSize = 10_000 } else { configuration.perCallRetryBufferSize = 10_000 }
        try await withFlaky(serviceConfig: retryConfig(), configuration: configuration) { client, service in
            let error = await rpcError {
                _ = try await client.collect { requests in
                    for index in 0..<20 { try await requests.write(request("m\(index)", count: 1, payload: [UInt8](repeating: 1, count: 1000))) }
                }
            }
            // 20 KB of requests cannot be kept for a replay: the first attempt's failure is the call's.
            #expect(error?.code == .unavailable)
            #expect(error?.message == "attempt 1 fails")
            #expect(service.seen == ["-"])
        }
    }

    @Test func aBidirectionalStreamWorksUnderARetryPolicy() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let call = try await client.update()
            var replies: [String] = []
            for index in 0..<20 {
                try await call.requests.write(request("u\(index)"))
                var iterator = call.responses.makeAsyncIterator()
                if let reply = try await iterator.next() { replies.append(reply.text) }
            }
            call.requests.finish()
            #expect(replies == (0..<20).map { "u\($0)" })
            #expect(service.seen == ["-"])
        }
    }

    @Test func throttlingStopsRetriesOnceTheTokensRunOut() async throws {
        let throttling = #", "retryThrottling": {"maxTokens": 4, "tokenRatio": 0.1}"#
        try await withFlaky(serviceConfig: retryConfig(maxAttempts: 5, throttling: throttling)) { client, service in
            // Tokens 4, retries only above 2: the first call's failures take 4→3→2 (two attempts);
            // from then on no call is retried.
            for _ in 0..<4 {
                let error = await rpcError { _ = try await client.get(request("x", count: 10)) }
                #expect(error?.code == .unavailable)
            }
            #expect(service.seen == ["-", "1", "-", "-", "-"])
        }
    }

    @Test func theDeadlineCoversEveryAttempt() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            // The retry would come a second later (the server's pushback); the call's 300 ms end first.
            let error = await rpcError {
                _ = try await client.get(request("pushback:1000", count: 10), options: CallOptions(timeout: .milliseconds(300)))
            }
            #expect(error?.code == .deadlineExceeded)
            #expect(service.seen == ["-"])
        }
    }

    @Test func hedgingAnswersFromTheFastSecondAttempt() async throws {
        let config = """
            {"methodConfig": [{"name": [{"service": "swiftgrpc.test.Echo", "method": "Get"}],
              "hedgingPolicy": {"maxAttempts": 3, "hedgingDelay": "0.1s", "nonFatalStatusCodes": ["UNAVAILABLE"]}}]}
            """
        try await withFlaky(serviceConfig: config) { client, service in
            // The first copy sleeps 10 s; a later one (100 ms after it, or 200 ms when the machine
            // is busy) answers at once (a 5 s deadline would end the call if it waited for the slow one).
            let reply = try await client.get(request("x", delayMs: 10_000), options: CallOptions(timeout: .seconds(5)))
            #expect(reply.text == "ok after 1" || reply.text == "ok after 2")
            #expect(service.seen.prefix(2) == ["-", "1"])
            // The slow copy was cancelled: its handler stops sleeping.
            var cancelled = false
            for _ in 0..<500 where !cancelled {
                cancelled = service.cancelled.load(ordering: .relaxed) == 1
                if !cancelled { try await Task.sleep(for: .milliseconds(10)) }
            }
            #expect(cancelled)
        }
    }

    @Test func aFatalCodeEndsAHedgedCall() async throws {
        let config = """
            {"methodConfig": [{"name": [{"service": "swiftgrpc.test.Echo"}],
              "hedgingPolicy": {"maxAttempts": 3, "hedgingDelay": "30s", "nonFatalStatusCodes": ["UNAVAILABLE"]}}]}
            """
        try await withFlaky(serviceConfig: config) { client, service in
            let error = await rpcError { _ = try await client.get(request("invalid", count: 1)) }
            #expect(error?.code == .invalidArgument)
            #expect(service.seen == ["-"])
            // A non-fatal code sends the next copy at once, not 30 s later (past the call's deadline).
            let reply = try await client.get(request("x", count: 2), options: CallOptions(timeout: .seconds(5)))
            #expect(reply.text == "ok after 2")
            #expect(service.seen == ["-", "-", "1", "2"])
        }
    }

    @Test func methodConfigTimeoutAndLimitsApply() async throws {
        let config = """
            {"methodConfig": [{"name": [{"service": "swiftgrpc.test.Echo", "method": "Get"}], "timeout": "2s",
                               "maxRequestMessageBytes": 100, "maxResponseMessageBytes": 50}]}
            """
        try await withEcho { _, _, server in
            let channel = try Channel(target: server.target, serviceConfig: config)
            let client = Swiftgrpc_Test_Echo.Client(channel: channel)
            // Connected first, so that the 2 s are the call's own.
            channel.connect()
            #expect(try await waitUntil(channel) { readySubchannels($0) == 1 })
            #expect(try await client.get(request("small")).text == "small")
            let slow = await rpcError { _ = try await client.get(request("slow", delayMs: 20_000)) }
            #expect(slow?.code == .deadlineExceeded)
            let big = await rpcError { _ = try await client.get(request("big", payload: [UInt8](repeating: 0, count: 200))) }
            #expect(big?.code == .resourceExhausted)
            #expect(big?.message.contains("maxRequestMessageBytes") == true)
            let bigReply = await rpcError { _ = try await client.get(request("reply", payload: [UInt8](repeating: 0, count: 80))) }
            #expect(bigReply?.code == .resourceExhausted)
            // Another method has no config.
            #expect(try await client.expand(request("e", count: 1)).reduce(into: 0) { count, _ in count += 1 } == 1)
            channel.close()
        }
    }

    @Test func aRequestTooLargeToKeepGoesOutOnceUnretried() async throws {
        try await withFlaky(serviceConfig: retryConfig()) { client, service in
            let large = [UInt8](repeating: 7, count: 300_000)
            let error = await rpcError { _ = try await client.get(request("x", count: 1, payload: large)) }
            #expect(error?.message == "attempt 1 fails")
            let reply = try await client.get(request("x", payload: large))
            #expect(reply.text == "ok after 0")
            #expect(service.seen == ["-", "-"])
        }
    }

    @Test func retriedCallsWaitingForADeadChannelLeaveNothingBehind() async throws {
        let dead = try DeadPort(host: "127.0.0.8")
        defer { dead.release() }
        var configuration = ChannelConfiguration()
        configuration.connectionBackoff.initial = .seconds(30)
        let channel = try Channel(target: dead.address, serviceConfig: retryConfig(), configuration: configuration)
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)
        for _ in 0..<20 {
            let error = await rpcError {
                _ = try await client.get(request("x"), options: CallOptions(timeout: .milliseconds(20), waitForReady: true))
            }
            #expect(error?.code == .deadlineExceeded)
        }
        #expect(await onLoop(of: channel) { $0.waiterCount } == 0)
        channel.close()
    }

    @Test func aCallFromACancelledTaskEndsCancelledInsteadOfWaiting() async throws {
        let dead = try DeadPort(host: "127.0.0.8")
        defer { dead.release() }
        let channel = try Channel(target: dead.address)
        let client = Swiftgrpc_Test_Echo.Client(channel: channel)
        let outcome = await Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await rpcError { _ = try await client.get(request("x"), options: CallOptions(waitForReady: true)) }
        }.value
        #expect(outcome?.code == .cancelled)
        #expect(await onLoop(of: channel) { $0.waiterCount } == 0)
        channel.close()
    }
}

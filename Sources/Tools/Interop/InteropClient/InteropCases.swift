import GRPCTestingServices
import SwiftGRPC

/// The plaintext cases of grpc's interop-test-descriptions.md, as a client runs them.
struct InteropCases {
    let channel: Channel
    /// Whether to send the compression feature probe (the server must refuse it).
    var probeCompression = true
    var client: Grpc_Testing_TestService.Client { Grpc_Testing_TestService.Client(channel: channel) }

    static let names = [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "cancel_after_begin", "cancel_after_first_response", "timeout_on_sleeping_server", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "client_compressed_unary", "client_compressed_streaming", "server_compressed_unary", "server_compressed_streaming",
    ]

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func run(_ name: String) async throws {
        switch name {
        case "empty_unary": try await emptyUnary()
        case "large_unary": try await largeUnary()
        case "client_streaming": try await clientStreaming()
        case "server_streaming": try await serverStreaming()
        case "ping_pong": try await pingPong()
        case "empty_stream": try await emptyStream()
        case "cancel_after_begin": try await cancelAfterBegin()
        case "cancel_after_first_response": try await cancelAfterFirstResponse()
        case "timeout_on_sleeping_server": try await timeoutOnSleepingServer()
        case "custom_metadata": try await customMetadata()
        case "status_code_and_message": try await statusCodeAndMessage()
        case "special_status_message": try await specialStatusMessage()
        case "unimplemented_method": try await unimplementedMethod()
        case "unimplemented_service": try await unimplementedService()
        case "client_compressed_unary": try await clientCompressedUnary()
        case "client_compressed_streaming": try await clientCompressedStreaming()
        case "server_compressed_unary": try await serverCompressedUnary()
        case "server_compressed_streaming": try await serverCompressedStreaming()
        default: throw Failure(description: "unknown test case \(name)")
        }
    }

    private func check(_ condition: Bool, _ message: @autoclosure () -> String) throws {
        if !condition { throw Failure(description: message()) }
    }

    private func expectError(_ code: StatusCode, message: String? = nil, _ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as RPCError {
            try check(error.code == code, "expected \(code), got \(error)")
            if let message { try check(error.message == message, "expected message \(message.debugDescription), got \(error.message.debugDescription)") }
            return
        }
        throw Failure(description: "expected \(code), but the call succeeded")
    }

    private static func payload(_ size: Int) -> Grpc_Testing_Payload {
        .with { $0.body = [UInt8](repeating: 0, count: size) }
    }

    private func simpleRequest(responseSize: Int32 = 314_159, payloadSize: Int = 271_828) -> Grpc_Testing_SimpleRequest {
        .with {
            $0.responseSize = responseSize
            $0.payload = InteropCases.payload(payloadSize)
        }
    }

    private static func outputRequest(sizes: [Int32], payloadSize: Int = 0) -> Grpc_Testing_StreamingOutputCallRequest {
        .with {
            $0.responseParameters = sizes.map { size in .with { $0.size = size } }
            if payloadSize > 0 { $0.payload = payload(payloadSize) }
        }
    }

    // MARK: The cases

    func emptyUnary() async throws {
        let response = try await client.emptyCall(Grpc_Testing_Empty())
        try check(response == Grpc_Testing_Empty(), "EmptyCall answered \(response)")
    }

    func largeUnary() async throws {
        let response = try await client.unaryCall(simpleRequest())
        try check(response.payload.body == [UInt8](repeating: 0, count: 314_159), "payload of \(response.payload.body.count) bytes")
    }

    func clientStreaming() async throws {
        let response = try await client.streamingInputCall { requests in
            for size in [27182, 8, 1828, 45904] {
                try await requests.write(.with { $0.payload = InteropCases.payload(size) })
            }
        }
        try check(response.aggregatedPayloadSize == 74922, "aggregated size \(response.aggregatedPayloadSize)")
    }

    func serverStreaming() async throws {
        let sizes: [Int32] = [31415, 9, 2653, 58979]
        var received: [Int] = []
        for try await response in try await client.streamingOutputCall(InteropCases.outputRequest(sizes: sizes)) {
            received.append(response.payload.body.count)
        }
        try check(received == sizes.map(Int.init), "received sizes \(received)")
    }

    func pingPong() async throws {
        let call = try await client.fullDuplexCall()
        var responses = call.responses.makeAsyncIterator()
        for (responseSize, requestSize) in [(31415, 27182), (9, 8), (2653, 1828), (58979, 45904)] {
            try await call.requests.write(InteropCases.outputRequest(sizes: [Int32(responseSize)], payloadSize: requestSize))
            let response = try await responses.next()
            try check(response?.payload.body.count == responseSize, "response of \(response?.payload.body.count ?? -1) bytes")
        }
        call.requests.finish()
        try check(try await responses.next() == nil, "the stream did not end")
    }

    func emptyStream() async throws {
        let call = try await client.fullDuplexCall()
        call.requests.finish()
        var count = 0
        for try await _ in call.responses { count += 1 }
        try check(count == 0, "\(count) responses to an empty stream")
    }

    func cancelAfterBegin() async throws {
        try await expectError(.cancelled) {
            let task = Task {
                try await client.streamingInputCall { _ in
                    try await Task.sleep(for: .seconds(30))
                }
            }
            try await Task.sleep(for: .milliseconds(100))
            task.cancel()
            _ = try await task.value
        }
    }

    func cancelAfterFirstResponse() async throws {
        let call = try await client.fullDuplexCall()
        var responses = call.responses.makeAsyncIterator()
        try await call.requests.write(InteropCases.outputRequest(sizes: [31415], payloadSize: 27182))
        let first = try await responses.next()
        try check(first?.payload.body.count == 31415, "first response of \(first?.payload.body.count ?? -1) bytes")
        call.responses.cancel()
        try await expectError(.cancelled) { _ = try await responses.next() }
    }

    func timeoutOnSleepingServer() async throws {
        try await expectError(.deadlineExceeded) {
            let call = try await client.fullDuplexCall(options: CallOptions(timeout: .milliseconds(1)))
            try? await call.requests.write(InteropCases.outputRequest(sizes: [], payloadSize: 27182))
            for try await _ in call.responses {}
        }
    }

    func customMetadata() async throws {
        var options = CallOptions()
        options.metadata.addString("test_initial_metadata_value", forKey: "x-grpc-test-echo-initial")
        options.metadata.addBinary([0xAB, 0xAB, 0xAB], forKey: "x-grpc-test-echo-trailing-bin")
        let unary = try await channel.unary(path: Grpc_Testing_TestService.Method.unaryCall, request: simpleRequest(),
                                            as: Grpc_Testing_SimpleResponse.self, options: options)
        try check(unary.headers.firstString(forKey: "x-grpc-test-echo-initial") == "test_initial_metadata_value",
                  "unary initial metadata \(unary.headers)")
        try check(unary.trailers.firstBinary(forKey: "x-grpc-test-echo-trailing-bin") == [0xAB, 0xAB, 0xAB],
                  "unary trailing metadata \(unary.trailers)")

        let call = try await client.fullDuplexCall(options: options)
        try await call.requests.write(InteropCases.outputRequest(sizes: [314_159], payloadSize: 271_828))
        call.requests.finish()
        for try await _ in call.responses {}
        let headers = try await call.responses.headers()
        let status = await call.responses.status()
        try check(headers.firstString(forKey: "x-grpc-test-echo-initial") == "test_initial_metadata_value",
                  "streaming initial metadata \(headers)")
        try check(status.trailers.firstBinary(forKey: "x-grpc-test-echo-trailing-bin") == [0xAB, 0xAB, 0xAB],
                  "streaming trailing metadata \(status.trailers)")
    }

    func statusCodeAndMessage() async throws {
        let message = "test status message"
        let echo = Grpc_Testing_EchoStatus.with {
            $0.code = 2
            $0.message = message
        }
        try await expectError(.unknown, message: message) {
            _ = try await client.unaryCall(.with { $0.responseStatus = echo })
        }
        try await expectError(.unknown, message: message) {
            let call = try await client.fullDuplexCall()
            try await call.requests.write(.with { $0.responseStatus = echo })
            call.requests.finish()
            for try await _ in call.responses {}
        }
    }

    func specialStatusMessage() async throws {
        let message = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n"
        try await expectError(.unknown, message: message) {
            _ = try await client.unaryCall(.with {
                $0.responseStatus = .with {
                    $0.code = 2
                    $0.message = message
                }
            })
        }
    }

    func unimplementedMethod() async throws {
        try await expectError(.unimplemented) { _ = try await client.unimplementedCall(Grpc_Testing_Empty()) }
    }

    func unimplementedService() async throws {
        try await expectError(.unimplemented) {
            _ = try await Grpc_Testing_UnimplementedService.Client(channel: channel).unimplementedCall(Grpc_Testing_Empty())
        }
    }

    func clientCompressedUnary() async throws {
        var probe = simpleRequest()
        probe.expectCompressed = .with { $0.value = true }
        // The probe: a server that checks must refuse an uncompressed request it was told to expect compressed.
        if probeCompression {
            try await expectError(.invalidArgument) { _ = try await client.unaryCall(probe) }
        }
        let compressed = try await client.unaryCall(probe, options: CallOptions(compression: .gzip))
        try check(compressed.payload.body.count == 314_159, "compressed request answered \(compressed.payload.body.count) bytes")
        var plain = simpleRequest()
        plain.expectCompressed = .with { $0.value = false }
        let uncompressed = try await client.unaryCall(plain)
        try check(uncompressed.payload.body.count == 314_159, "uncompressed request answered \(uncompressed.payload.body.count) bytes")
    }

    func clientCompressedStreaming() async throws {
        if probeCompression {
            try await expectError(.invalidArgument) {
            _ = try await client.streamingInputCall { requests in
                try await requests.write(.with {
                    $0.expectCompressed = .with { $0.value = true }
                    $0.payload = InteropCases.payload(27182)
                })
            }
            }
        }
        let response = try await client.streamingInputCall(options: CallOptions(compression: .gzip)) { requests in
            try await requests.write(.with {
                $0.expectCompressed = .with { $0.value = true }
                $0.payload = InteropCases.payload(27182)
            })
            try await requests.write(.with {
                $0.expectCompressed = .with { $0.value = false }
                $0.payload = InteropCases.payload(45904)
            }, compress: false)
        }
        try check(response.aggregatedPayloadSize == 73086, "aggregated size \(response.aggregatedPayloadSize)")
    }

    func serverCompressedUnary() async throws {
        for compressed in [true, false] {
            var request = simpleRequest()
            request.responseCompressed = .with { $0.value = compressed }
            let response = try await channel.unary(path: Grpc_Testing_TestService.Method.unaryCall, request: request,
                                                   as: Grpc_Testing_SimpleResponse.self)
            try check(response.wasCompressed == compressed, "response compressed: \(response.wasCompressed), asked \(compressed)")
            try check(response.message.payload.body.count == 314_159, "payload of \(response.message.payload.body.count) bytes")
        }
    }

    func serverCompressedStreaming() async throws {
        let request = Grpc_Testing_StreamingOutputCallRequest.with {
            $0.responseParameters = [
                .with { $0.compressed = .with { $0.value = true }; $0.size = 31415 },
                .with { $0.compressed = .with { $0.value = false }; $0.size = 92653 },
            ]
        }
        let stream = try await client.streamingOutputCall(request)
        var responses = stream.makeAsyncIterator()
        let first = try await responses.next()
        try check(first?.payload.body.count == 31415 && responses.lastMessageWasCompressed, "first response not compressed")
        let second = try await responses.next()
        try check(second?.payload.body.count == 92653 && !responses.lastMessageWasCompressed, "second response compressed")
        try check(try await responses.next() == nil, "more than two responses")
    }
}

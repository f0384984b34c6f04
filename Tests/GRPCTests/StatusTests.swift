@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing

@Suite(.timeLimit(.minutes(1)))
struct StatusTests {
    @Test(arguments: Transport.tcpAndInProcess)
    func statusCodesAndNonASCIIMessages(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let message = "ça ne va pas — 失败 %20 \n done"
            let error = await rpcError { _ = try await client.get(request(message, count: Int32(StatusCode.notFound.rawValue))) }
            #expect(error?.code == .notFound)
            #expect(error?.message == message)
            for code in [StatusCode.invalidArgument, .permissionDenied, .resourceExhausted, .unauthenticated, .dataLoss] {
                let error = await rpcError { _ = try await client.get(request("c", count: Int32(code.rawValue))) }
                #expect(error?.code == code)
            }
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func aHandlerErrorThatIsNotAnRPCErrorIsUnknownWithoutItsText(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("throw-plain")) }
            #expect(error?.code == .unknown)
            #expect(error?.message.contains("PlainError") == false)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func unknownMethodAndServiceAreUnimplemented(transport: Transport) async throws {
        try await withEcho(transport: transport) { _, channel, _ in
            let method = await rpcError {
                _ = try await channel.unary(path: "/swiftgrpc.test.Echo/Nope", request: request("x"), as: Swiftgrpc_Test_EchoResponse.self)
            }
            #expect(method?.code == .unimplemented)
            #expect(method?.message.contains("Nope") == true)
            let service = await rpcError {
                _ = try await channel.unary(path: "/no.Such/Get", request: request("x"), as: Swiftgrpc_Test_EchoResponse.self)
            }
            #expect(service?.code == .unimplemented)
            #expect(service?.message.contains("no.Such") == true)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func messagesOverTheLimitAreResourceExhausted(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.maxReceiveMessageSize = 1024
        try await withEcho(configuration: configuration, transport: transport) { client, _, _ in
            let tooBig = await rpcError { _ = try await client.get(request("x", payload: [UInt8](repeating: 1, count: 2000))) }
            #expect(tooBig?.code == .resourceExhausted)
            let small = try await client.get(request("small", payload: [1, 2, 3]))
            #expect(small.payload == [1, 2, 3])
            // The client enforces its own limit on responses.
            let response = await rpcError {
                _ = try await client.get(request("x", payload: [UInt8](repeating: 2, count: 900)),
                                         options: CallOptions(maxReceiveMessageSize: 100))
            }
            #expect(response?.code == .resourceExhausted)
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func bidiHandlerErrorEndsTheStreamWithItsStatus(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let call = try await client.update()
            try await call.requests.write(request("one"))
            try await call.requests.write(request("stop", count: -1))
            var texts: [String] = []
            let error = await rpcError {
                for try await reply in call.responses { texts.append(reply.text) }
            }
            #expect(texts == ["one"])
            #expect(error?.code == .aborted)
        }
    }
}

@Suite(.timeLimit(.minutes(1)))
struct LimitTests {
    @Test(arguments: Transport.tcpAndInProcess)
    func oversizedRequestHeadersAreResourceExhausted(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.maxHeaderListSize = 1024
        try await withEcho(configuration: configuration, transport: transport) { client, _, _ in
            var options = CallOptions()
            options.metadata.addString(String(repeating: "v", count: 2000), forKey: "x-large")
            let error = await rpcError { _ = try await client.get(request("x"), options: options) }
            #expect(error?.code == .resourceExhausted)
            let fine = try await client.get(request("small headers"))
            #expect(fine.text == "small headers")
        }
    }

    @Test func handlersCannotSendReservedMetadata() async throws {
        let context = ServerContext(path: "/x/y", requestMetadata: Metadata(), deadline: nil, peer: PeerIdentity(address: "test"))
        #expect(throws: RPCError.self) { try context.addResponseHeader("1", forKey: "grpc-status") }
        #expect(throws: RPCError.self) { try context.addTrailer(.binary([1]), forKey: "no-suffix") }
        #expect(throws: RPCError.self) { try context.addTrailer("tab\there", forKey: "x-text") }
        try context.addTrailer(.binary([1]), forKey: "x-data-bin")
    }
}

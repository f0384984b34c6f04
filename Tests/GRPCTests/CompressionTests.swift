@testable import SwiftGRPC
import TestMessages
import TestServices
import Testing

@Suite struct CompressionUnitTests {
    @Test(arguments: CompressionAlgorithm.allCases)
    func roundTrips(algorithm: CompressionAlgorithm) throws {
        for input in [[], [UInt8](repeating: 7, count: 100_000), (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }] {
            let compressed = try algorithm.compress(input)
            #expect(try algorithm.decompress(compressed, limit: 1 << 20) == input)
        }
        let gzipMagic = try CompressionAlgorithm.gzip.compress([1, 2, 3]).prefix(2)
        #expect(Array(gzipMagic) == [0x1F, 0x8B])
    }

    @Test(arguments: CompressionAlgorithm.allCases)
    func corruptAndTruncatedInputIsAnError(algorithm: CompressionAlgorithm) throws {
        let good = try algorithm.compress([UInt8](repeating: 65, count: 10_000))
        var corrupt = good
        corrupt[corrupt.count / 2] ^= 0xFF
        corrupt[3] ^= 0x55
        #expect(throws: RPCError.self) { try algorithm.decompress(corrupt, limit: 1 << 20) }
        #expect(throws: RPCError.self) { try algorithm.decompress(Array(good.prefix(good.count / 2)), limit: 1 << 20) }
        #expect(throws: RPCError.self) { try algorithm.decompress([1, 2, 3, 4], limit: 1 << 20) }
    }

    @Test func aBombStopsAtTheLimit() throws {
        // 64 MiB of zeros compress to about 64 KiB; inflating stops at the limit, not at 64 MiB.
        let bomb = try CompressionAlgorithm.gzip.compress([UInt8](repeating: 0, count: 64 << 20))
        #expect(bomb.count < 200_000)
        let error = #expect(throws: RPCError.self) { try CompressionAlgorithm.gzip.decompress(bomb, limit: 4 << 20) }
        #expect(error?.code == .resourceExhausted)
    }

    @Test func encodingNegotiationHeaders() throws {
        #expect(try CompressionAlgorithm.from(header: nil) == nil)
        #expect(try CompressionAlgorithm.from(header: "identity") == nil)
        #expect(try CompressionAlgorithm.from(header: "gzip") == .gzip)
        let error = #expect(throws: RPCError.self) { try CompressionAlgorithm.from(header: "snappy") }
        #expect(error?.code == .unimplemented)
        #expect(error?.message.contains("identity,deflate,gzip") == true)
        #expect(CompressionAlgorithm.accepted(by: "identity, gzip ,br") == [.gzip])
    }
}

@Suite(.timeLimit(.minutes(1)))
struct CompressionCallTests {
    @Test(arguments: CompressionAlgorithm.allCases, Transport.tcpAndInProcess)
    func compressedCallsInBothDirections(algorithm: CompressionAlgorithm, transport: Transport) async throws {
        try await withEcho(transport: transport) { client, channel, _ in
            let payload = [UInt8](repeating: 42, count: 200_000)
            let options = CallOptions(compression: algorithm)
            let reply = try await client.get(request("z", payload: payload), options: options)
            #expect(reply.payload == payload)
            let collected = try await client.collect(options: options) { requests in
                try await requests.write(request("a"))
                try await requests.write(request("b"), compress: false)
            }
            #expect(collected.text == "a b")
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func zipBombRequestIsResourceExhausted(transport: Transport) async throws {
        var configuration = ServerConfiguration()
        configuration.maxReceiveMessageSize = 1 << 20
        try await withEcho(configuration: configuration, transport: transport) { client, _, _ in
            // 8 MiB of zeros, about 8 KiB on the wire: under the limit compressed, far over it inflated.
            let error = await rpcError {
                _ = try await client.get(request("bomb", payload: [UInt8](repeating: 0, count: 8 << 20)),
                                         options: CallOptions(compression: .gzip))
            }
            #expect(error?.code == .resourceExhausted)
            let after = try await client.get(request("fine"))
            #expect(after.text == "fine")
        }
    }

    @Test(arguments: Transport.tcpAndInProcess)
    func richStatusDetailsTravelInTrailers(transport: Transport) async throws {
        try await withEcho(transport: transport) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("throw-details")) }
            #expect(error?.code == .failedPrecondition)
            #expect(error?.details?.message == "with details")
            #expect(error?.details?.details.first?.typeURL == "type.googleapis.com/swiftgrpc.test.EchoRequest")
            let echoed = try Swiftgrpc_Test_EchoRequest(serializedBytes: error?.details?.details.first?.value ?? [])
            #expect(echoed.text == "throw-details")
            #expect(error?.metadata.firstBinary(forKey: "grpc-status-details-bin") == nil)
        }
    }
}

@Suite struct DeframerTests {
    func frames(_ parts: [(flag: UInt8, bytes: [UInt8])]) -> [UInt8] {
        parts.flatMap { part in
            let n = UInt32(part.bytes.count)
            return [part.flag, UInt8(n >> 24), UInt8(n >> 16 & 0xFF), UInt8(n >> 8 & 0xFF), UInt8(n & 0xFF)] + part.bytes
        }
    }

    @Test func splitsMessagesAcrossArbitraryChunks() throws {
        let wire = frames([(0, [1, 2, 3]), (0, []), (0, [UInt8](repeating: 9, count: 70_000))])
        var deframer = MessageDeframer(maxMessageSize: 1 << 20)
        var messages: [[UInt8]] = []
        var offset = 0
        for size in [1, 4, 3, 2, 100, 65_536, 10_000] where offset < wire.count {
            let end = min(wire.count, offset + size)
            try wire[offset..<end].withUnsafeBytes { chunk in
                try deframer.feed(chunk, encoding: nil) { messages.append($0.bytes) }
            }
            offset = end
        }
        #expect(messages.map(\.count) == [3, 0, 70_000])
        #expect(deframer.bufferedCount == 0)
    }

    @Test func compressedFlagWithoutEncodingAndBadFlagsAreErrors() throws {
        func feed(_ wire: [UInt8], limit: Int = 1 << 20) throws {
            var deframer = MessageDeframer(maxMessageSize: limit)
            try wire.withUnsafeBytes { try deframer.feed($0, encoding: nil) { _ in } }
        }
        let error = #expect(throws: RPCError.self) { try feed(frames([(1, [1, 2])])) }
        #expect(error?.code == .internalError)
        #expect(throws: RPCError.self) { try feed(frames([(2, [1])])) }
        let limit = #expect(throws: RPCError.self) { try feed(frames([(0, [UInt8](repeating: 1, count: 11))]), limit: 10) }
        #expect(limit?.code == .resourceExhausted)
    }
}

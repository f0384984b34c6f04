import SwiftProto
import TestMessages
import Testing

/// Random and mutated inputs: every one ends in a value or a thrown error, never a crash,
/// and whatever decodes re-encodes to bytes that decode to the same message.
@Suite struct FuzzTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func seeds() throws -> [[UInt8]] {
        var full = Swiftgrpc_Test_Everything3()
        full.fInt32 = -1
        full.fString = "héllo"
        full.fNested.back.fDouble = 2.5
        full.rSint64 = [-5, 6]
        full.mStringNested = ["a": .with { $0.a = 1 }]
        full.cNested.children = [.init()]
        var p2 = P2Everything2()
        p2.optionalGroup.groupString = "g"
        p2.rPackedShade = [.dark]
        p2.mInt32Nested = [1: .with { $0.a = 2 }]
        return [try full.serializedBytes(), try p2.serializedBytes()]
    }

    func survive<M: Message>(_ type: M.Type, _ bytes: [UInt8]) {
        guard let message = try? M(serializedBytes: bytes, partial: true) else { return }
        let again = try? M(serializedBytes: message.serializedBytes(partial: true), partial: true)
        #expect(again == message || again.map { "\($0)" } == "\(message)")  // NaN fields compare unequal
    }

    @Test func randomAndMutatedInputs() throws {
        var random = Generator(state: 0x5EED)
        let seeds = try Self.seeds()
        for round in 0..<100_000 {
            var bytes: [UInt8]
            if round % 2 == 0 {
                bytes = (0..<Int.random(in: 0...64, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
            } else {
                bytes = seeds[round % seeds.count]
                for _ in 0..<Int.random(in: 1...4, using: &random) where !bytes.isEmpty {
                    let index = Int.random(in: 0..<bytes.count, using: &random)
                    switch random.next() % 4 {
                    case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
                    case 1: bytes.remove(at: index)
                    case 2: bytes.insert(UInt8.random(in: 0...255, using: &random), at: index)
                    default: bytes = Array(bytes[..<index])
                    }
                }
            }
            if round % 2 == 0 {
                survive(Swiftgrpc_Test_Everything3.self, bytes)
            } else {
                survive(P2Everything2.self, bytes)
            }
        }
    }
}

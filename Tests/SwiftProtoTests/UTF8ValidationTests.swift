import SwiftProto
import Testing

@Suite struct UTF8ValidationTests {
    func valid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { UTF8Validation.isValid($0) }
    }

    @Test func acceptsEveryScalarBoundary() {
        for scalar in ["\u{0}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{D7FF}", "\u{E000}", "\u{FFFF}", "\u{10000}", "\u{10FFFF}"] {
            #expect(valid(Array(scalar.utf8)), "\(Array(scalar.utf8))")
        }
    }

    @Test func rejectsMalformedSequences() {
        let bad: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF], [0xF0, 0x80, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],
            [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x61, 0x62, 0x63, 0x64, 0x65, 0x66, 0x67, 0x68, 0xC3, 0x28],
        ]
        for bytes in bad {
            #expect(!valid(bytes), "\(bytes)")
        }
    }

    /// Differential: agrees with the standard library's validator on random bytes.
    @Test func agreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 0...24, using: &generator)
            let bytes = (0..<length).map { _ in
                // Bias toward the interesting lead and continuation bytes.
                UInt8.random(in: 0...3, using: &generator) == 0 ? UInt8.random(in: 0...0x7F, using: &generator)
                    : UInt8.random(in: 0x80...0xF5, using: &generator)
            }
            let expected = String(validating: bytes, as: UTF8.self)
            #expect(valid(bytes) == (expected != nil), "\(bytes)")
            #expect(bytes.withUnsafeBufferPointer { UTF8Validation.string(from: $0) } == expected, "\(bytes)")
        }
    }
}

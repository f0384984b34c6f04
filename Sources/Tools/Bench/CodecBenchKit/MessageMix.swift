/// The "message_mix" dataset: seeded, so every run and every implementation parses the same bytes.
public enum MessageMix {
    public static let messageName = "benchmarks.mix.MixMessage"

    public static func dataset(count: Int = 200, seed: UInt64 = 0x5EED) throws -> Benchmarks_BenchmarkDataset {
        var random = SplitMix(state: seed)
        let payloads = try (0..<count).map { _ in try message(&random).serializedBytes() }
        return .with {
            $0.name = "message_mix"
            $0.messageName = messageName
            $0.payload = payloads
        }
    }

    static func message(_ random: inout SplitMix) -> Benchmarks_Mix_MixMessage {
        .with { message in
            message.requestID = "req-\(random.next() % 1_000_000)-\(random.word())"
            message.items = (0..<(3 + Int(random.next() % 8))).map { _ in item(&random) }
            for _ in 0..<(2 + random.next() % 10) { message.counters[random.word()] = Int64(bitPattern: random.next() >> 20) }
            for _ in 0..<(random.next() % 6) { message.labels[Int32(truncatingIfNeeded: random.next() % 10_000)] = random.word() }
            message.samples = (0..<(10 + random.next() % 100)).map { _ in Int32(truncatingIfNeeded: random.next() % 100_000) }
            message.weights = (0..<(random.next() % 40)).map { _ in Double(random.next() % 1_000_000) / 997 }
            message.blob = (0..<(random.next() % 256)).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            message.featured = item(&random)
            message.deltas = (0..<(random.next() % 50)).map { _ in Int64(bitPattern: random.next()) >> 40 }
        }
    }

    static func item(_ random: inout SplitMix) -> Benchmarks_Mix_Item {
        .with {
            $0.id = Int64(random.next() >> 16)
            $0.name = "item " + random.word() + " " + random.word()
            $0.price = Double(random.next() % 100_000) / 100
            $0.tags = (0..<(random.next() % 4)).map { _ in random.word() }
            $0.inStock = random.next() & 1 == 0
        }
    }

    struct SplitMix {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func word() -> String {
            let syllables = ["ka", "lo", "mi", "ner", "tu", "vex", "zo", "qua", "é", "ß"]
            return (0..<(1 + next() % 4)).map { _ in syllables[Int(next() % UInt64(syllables.count))] }.joined()
        }
    }
}

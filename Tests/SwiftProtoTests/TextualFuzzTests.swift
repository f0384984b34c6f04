import SwiftProto
import TestMessages
import Testing

/// The JSON and text-format readers on random and mutated input: each input ends in a value
/// or a thrown error, never a crash or a hang, and whatever parses prints to text that parses
/// back to the same message.
@Suite struct TextualFuzzTests {
    typealias M3 = Swiftgrpc_Test_Everything3
    static let rounds = 100_000

    /// Valid documents to mutate: every kind of value, nesting, maps, escapes, WKTs.
    static func seeds() throws -> (json: [[UInt8]], text: [[UInt8]]) {
        var full = M3()
        full.fInt64 = -9_007_199_254_740_993
        full.fUint64 = .max
        full.fString = "h\u{E9}\"\\\n\u{1F600}"
        full.fBytes = [0, 0xFF, 0x80]
        full.fDouble = -1.5e300
        full.fFloat = .infinity
        full.fMood = .sad
        full.fNested.back.fNested.a = 7
        full.rNested = [.init(), .with { $0.children = [.with { $0.a = -1 }] }]
        full.mStringNested = ["k": .with { $0.a = 2 }, "": .init()]
        full.mInt64String = [-1: "x"]
        full.mBoolString = [true: "t"]
        full.cDouble = 0.25
        full.rMood = [.happy, M3.Mood(rawValue: 40)!]
        var editions = Swiftgrpc_Test_Editions_Everything()
        editions.item.value = 3
        editions.Swiftgrpc_Test_Editions_extraInt = 5
        let value: Google_Protobuf_Value = ["a": [1, "b", nil, true, ["c": 0.5]]]
        let any = try Google_Protobuf_Any(message: Google_Protobuf_Duration(seconds: -1, nanos: -5))
        let json = [try full.jsonUTF8Bytes(), try editions.jsonUTF8Bytes(), try value.jsonUTF8Bytes(), try any.jsonUTF8Bytes(),
                    Array(#"{"@type":"type.googleapis.com/google.protobuf.Timestamp","value":"1972-01-01T10:00:20.021+05:30"}"#.utf8)]
        let text = [Array(full.textFormatString().utf8), Array(editions.textFormatString().utf8),
                    Array(any.textFormatString().utf8),
                    Array("f_int32: 0x7f f_string: 'a' \"\\x41\\101\" r_int32: [1, -2] f_nested < a: 1 > # c\n".utf8)]
        return (json, text)
    }

    static func mutate(_ seed: [UInt8], _ random: inout FuzzTests.Generator) -> [UInt8] {
        var bytes = seed
        let interesting = Array(#"{}[]":,\-0123456789.eEtfnu"#.utf8) + [0x00, 0x80, 0xC3, 0xFF, 0x22, 0x5C]
        for _ in 0..<(random.next() % 2 == 0 ? 1 : Int.random(in: 2...4, using: &random)) where !bytes.isEmpty {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            switch random.next() % 6 {
            case 0: bytes[index] = UInt8.random(in: 0...255, using: &random)
            case 1: bytes[index] = interesting.randomElement(using: &random)!
            case 2: bytes.remove(at: index)
            case 3: bytes.insert(interesting.randomElement(using: &random)!, at: index)
            case 4: bytes = Array(bytes[..<index])
            default:  // repeat a slice: deeper nesting, duplicated members
                let end = min(bytes.count, index + Int.random(in: 1...16, using: &random))
                bytes.insert(contentsOf: bytes[index..<end], at: index)
            }
        }
        return bytes
    }

    static func input(_ round: Int, _ seeds: [[UInt8]], _ random: inout FuzzTests.Generator) -> [UInt8] {
        if round % 4 == 0 {
            return (0..<Int.random(in: 0...48, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
        return mutate(seeds[round % seeds.count], &random)
    }

    func surviveJSON<M: Message>(_ type: M.Type, _ bytes: [UInt8]) {
        let extensions = Swiftgrpc_Test_Editions_Editions2023_Extensions
        guard let message = try? M(jsonUTF8Bytes: bytes, extensions: extensions) else { return }
        // What parsed prints (to JSON when it can: a parsed Timestamp is in range) and reads back.
        if let again = try? M(jsonUTF8Bytes: message.jsonUTF8Bytes(), extensions: extensions) {
            #expect(again == message || "\(again)" == "\(message)")  // NaN compares unequal
        }
    }

    func surviveText<M: Message>(_ type: M.Type, _ bytes: [UInt8]) {
        let extensions = Swiftgrpc_Test_Editions_Editions2023_Extensions
        let text = String(decoding: bytes, as: UTF8.self)
        guard let message = try? M(textFormatString: text, extensions: extensions) else { return }
        let again = try? M(textFormatString: message.textFormatString(), extensions: extensions)
        #expect(again == message || again.map { "\($0)" } == "\(message)")
    }

    @Test func jsonReaderSurvivesRandomAndMutatedInput() throws {
        var random = FuzzTests.Generator(state: 0x15_0A)
        let seeds = try Self.seeds().json
        for round in 0..<Self.rounds {
            let bytes = Self.input(round, seeds, &random)
            switch round % 5 {
            case 0, 1: surviveJSON(M3.self, bytes)
            case 2: surviveJSON(Swiftgrpc_Test_Editions_Everything.self, bytes)
            case 3: surviveJSON(Google_Protobuf_Value.self, bytes)
            default: surviveJSON(Google_Protobuf_Any.self, bytes)
            }
        }
    }

    @Test func textReaderSurvivesRandomAndMutatedInput() throws {
        var random = FuzzTests.Generator(state: 0x7E_A7)
        let seeds = try Self.seeds().text
        for round in 0..<Self.rounds {
            let bytes = Self.input(round, seeds, &random)
            switch round % 4 {
            case 0, 1: surviveText(M3.self, bytes)
            case 2: surviveText(Swiftgrpc_Test_Editions_Everything.self, bytes)
            default: surviveText(Google_Protobuf_Any.self, bytes)
            }
        }
    }
}

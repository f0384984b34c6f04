import SwiftProto
import TestMessages

/// splitmix64: small, fast, and the same sequence for the same seed on every machine.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func chance() -> Bool { next() & 1 == 0 }

    /// Boundary values often, arbitrary bit patterns otherwise.
    mutating func integer<T: FixedWidthInteger>(_ type: T.Type) -> T {
        switch next() % 8 {
        case 0: return 0
        case 1: return T.max
        case 2: return T.min
        case 3: return T(truncatingIfNeeded: -1)
        case 4: return T(truncatingIfNeeded: next() % 300)
        default: return T(truncatingIfNeeded: next())
        }
    }

    mutating func value<T: RandomValue>(_ depth: Int) -> T { T.random(&self, depth: depth + 1) }

    mutating func count(_ depth: Int) -> Int { depth > 3 ? 0 : Int(next() % 4) }
}

/// Types the oracle can make random values of; messages stop nesting after a few levels.
protocol RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self
}

extension Int32: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.integer(Self.self) } }
extension Int64: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.integer(Self.self) } }
extension UInt32: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.integer(Self.self) } }
extension UInt64: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.integer(Self.self) } }
extension Bool: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.chance() } }

extension Float: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        switch r.next() % 6 {
        case 0: return 0
        case 1: return -.infinity
        case 2: return .greatestFiniteMagnitude
        case 3: return .leastNonzeroMagnitude
        default:
            let value = Float(bitPattern: UInt32(truncatingIfNeeded: r.next()))
            return value.isNaN ? 1.5 : value
        }
    }
}

extension Double: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        switch r.next() % 6 {
        case 0: return 0
        case 1: return .infinity
        case 2: return -.greatestFiniteMagnitude
        case 3: return .leastNonzeroMagnitude
        default:
            let value = Double(bitPattern: r.next())
            return value.isNaN ? -2.25 : value
        }
    }
}

extension String: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let alphabet: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "\n", "\u{0}", "é", "ß", "€", "中", "😀", "\u{10FFFF}", "\u{7F}"]
        var text = ""
        for _ in 0..<(r.next() % 12) {
            text.unicodeScalars.append(alphabet[Int(r.next() % UInt64(alphabet.count))])
        }
        return text
    }
}

extension Array: RandomValue where Element: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        (0..<r.count(depth)).map { _ in Element.random(&r, depth: depth) }
    }
}

extension Dictionary: RandomValue where Key: RandomValue, Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        var map: Self = [:]
        for _ in 0..<r.count(depth) {
            map[Key.random(&r, depth: depth)] = Value.random(&r, depth: depth)
        }
        return map
    }
}

extension UInt8: RandomValue { static func random(_ r: inout SeededRandom, depth: Int) -> Self { r.integer(Self.self) } }

extension RandomValue where Self: SwiftProto.Enum {
    /// A declared case mostly; sometimes an unknown number for open enums.
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        if r.next() % 8 == 0, let unknown = Self(rawValue: 77), unknown.protoName == nil { return unknown }
        let cases = Array(allCases)
        return cases[Int(r.next() % UInt64(cases.count))]
    }
}

// The well-known types that the conformance messages hold.
extension Google_Protobuf_NullValue: RandomValue {}

extension Google_Protobuf_BoolValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_Int32Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_Int64Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_UInt32Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_UInt64Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_FloatValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_DoubleValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_StringValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_BytesValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.value = r.value(depth) } }
}
extension Google_Protobuf_Duration: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        .with { $0.seconds = r.value(depth); $0.nanos = r.value(depth) }
    }
}
extension Google_Protobuf_Timestamp: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        .with { $0.seconds = r.value(depth); $0.nanos = r.value(depth) }
    }
}
extension Google_Protobuf_FieldMask: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.paths = r.value(depth) } }
}
extension Google_Protobuf_Any: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        .with { $0.typeURL = r.value(depth); $0.value = r.value(depth) }
    }
}
extension Google_Protobuf_Struct: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.fields = r.value(depth) } }
}
extension Google_Protobuf_ListValue: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self { .with { $0.values = r.value(depth) } }
}
extension Google_Protobuf_Value: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        var value = Self()
        switch r.next() % (depth > 3 ? 4 : 6) {
        case 0: value.nullValue = .nullValue
        case 1: value.numberValue = r.value(depth)
        case 2: value.stringValue = r.value(depth)
        case 3: value.boolValue = r.value(depth)
        case 4: value.structValue = r.value(depth)
        default: value.listValue = r.value(depth)
        }
        return value
    }
}

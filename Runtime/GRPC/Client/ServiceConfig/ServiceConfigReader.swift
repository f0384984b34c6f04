import SwiftProto

/// One value of a service config's JSON tree and the field path to it
/// (`methodConfig[0].retryPolicy.maxAttempts`), so that every error names the field it is about.
///
/// Members are looked up by name and the rest ignored: service configs gain fields over time and
/// gRPC skips what it does not know. A `null` member counts as absent, as in ProtoJSON.
struct ServiceConfigReader {
    let value: Google_Protobuf_Value
    let path: String

    /// The root of a document; its path is empty.
    init(root: Google_Protobuf_Value) {
        self.init(value: root, path: "")
    }

    private init(value: Google_Protobuf_Value, path: String) {
        self.value = value
        self.path = path
    }

    /// `service config: <path>: <problem>`, as ``ServiceConfig/init(json:)`` throws it.
    func error(_ problem: String) -> RPCError {
        Self.error(at: path, problem)
    }

    /// The same for a field found by other means (a duplicate name is found after reading).
    static func error(at path: String, _ problem: String) -> RPCError {
        RPCError(code: .invalidArgument, message: "service config: " + (path.isEmpty ? "" : path + ": ") + problem)
    }

    // MARK: - Objects and arrays

    /// The member `name` of this object; nil when it is absent or `null`.
    func member(_ name: String) throws -> ServiceConfigReader? {
        guard let member = try object()[name] else { return nil }
        if case .nullValue? = member.kind { return nil }
        return ServiceConfigReader(value: member, path: path.isEmpty ? name : path + "." + name)
    }

    /// The member `name`, which must be there.
    func requiredMember(_ name: String) throws -> ServiceConfigReader {
        guard let member = try member(name) else {
            throw Self.error(at: path.isEmpty ? name : path + "." + name, "is required")
        }
        return member
    }

    /// The members of this object.
    func object() throws -> [String: Google_Protobuf_Value] {
        guard case .structValue(let object)? = value.kind else { throw mismatch("an object") }
        return object.fields
    }

    /// The elements of this array, each with its index in its path.
    func elements() throws -> [ServiceConfigReader] {
        guard case .listValue(let list)? = value.kind else { throw mismatch("an array") }
        return list.values.enumerated().map { index, element in
            ServiceConfigReader(value: element, path: "\(path)[\(index)]")
        }
    }

    /// The value of this object's only member, and a reader for it (`loadBalancingConfig` entries).
    func soleMember() throws -> (name: String, value: ServiceConfigReader) {
        let members = try object()
        guard members.count == 1, let (name, member) = members.first else {
            throw error("must have exactly one member (the policy name), not \(members.count)")
        }
        return (name, ServiceConfigReader(value: member, path: path + "." + name))
    }

    // MARK: - Scalars

    func string() throws -> String {
        guard case .stringValue(let string)? = value.kind else { throw mismatch("a string") }
        return string
    }

    func bool() throws -> Bool {
        guard case .boolValue(let bool)? = value.kind else { throw mismatch("a boolean") }
        return bool
    }

    /// A finite number; ProtoJSON also lets a double be written as a string (`"0.5"`).
    func number() throws -> Double {
        switch value.kind {
        case .numberValue(let number)? where number.isFinite:
            return number
        case .stringValue(let text)?:
            guard text.utf8.allSatisfy(Self.isDecimalNumberByte), let number = Double(text), number.isFinite else {
                throw error("\"\(text)\" is not a number")
            }
            return number
        default:
            throw mismatch("a number")
        }
    }

    /// A whole number; ProtoJSON also lets integers be written as strings (`"4194304"`), the
    /// usual form for 64-bit ones.
    func integer() throws -> Int {
        switch value.kind {
        case .numberValue(let number)?:
            // Beyond 2^53 a double no longer holds every integer; such values are not meant here.
            guard number.isFinite, number.rounded(.towardZero) == number, number.magnitude <= 9_007_199_254_740_992 else {
                throw error("\(number) is not an integer")
            }
            return Int(number)
        case .stringValue(let text)?:
            guard let integer = Int(text), text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || Self.isDigit($0) }) else {
                throw error("\"\(text)\" is not an integer")
            }
            return integer
        default:
            throw mismatch("an integer")
        }
    }

    /// A ProtoJSON Duration: `"1.5s"`, `"-0.000000001s"`, `"10s"`: an optional sign, whole seconds,
    /// up to nine fractional digits, and `s`; within protobuf's ±315,576,000,000 s.
    func duration() throws -> Duration {
        guard case .stringValue(let text)? = value.kind, let duration = Self.parseDuration(text) else {
            throw error("\(describe(value)) is not a duration like \"1.5s\"")
        }
        return duration
    }

    /// A status code by its spec name (`"UNAVAILABLE"`, any case) or its number (`14`).
    func statusCode() throws -> StatusCode {
        switch value.kind {
        case .stringValue(let name)?:
            let wanted = name.uppercased()
            for number in 0...16 {
                if let code = StatusCode(rawValue: number), code.description == wanted { return code }
            }
            throw error("unknown status code \"\(name)\"")
        case .numberValue(let number)?:
            guard number.rounded(.towardZero) == number, number >= 0, number <= 16, let code = StatusCode(rawValue: Int(number)) else {
                throw error("unknown status code \(describe(value))")
            }
            return code
        default:
            throw mismatch("a status code name or number")
        }
    }

    // MARK: - Helpers

    private func mismatch(_ expected: String) -> RPCError {
        error("must be \(expected), not \(Self.kindName(value))")
    }

    private func describe(_ value: Google_Protobuf_Value) -> String {
        switch value.kind {
        case .stringValue(let text)?: return "\"\(text)\""
        case .numberValue(let number)?:
            if number.rounded(.towardZero) == number, number.magnitude < 1e15 { return String(Int(number)) }
            return String(number)
        default: return Self.kindName(value)
        }
    }

    private static func kindName(_ value: Google_Protobuf_Value) -> String {
        switch value.kind {
        case .nullValue?, nil: return "null"
        case .numberValue?: return "a number"
        case .stringValue?: return "a string"
        case .boolValue?: return "a boolean"
        case .structValue?: return "an object"
        case .listValue?: return "an array"
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// Swift's `Double(_:)` also reads `nan`, `inf` and hex floats, which JSON numbers never are.
    private static func isDecimalNumberByte(_ byte: UInt8) -> Bool {
        isDigit(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
            || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private static let maximumDurationSeconds: Int64 = 315_576_000_000

    static func parseDuration(_ text: String) -> Duration? {
        var bytes = Substring(text).utf8[...]
        guard bytes.last == UInt8(ascii: "s") else { return nil }
        bytes = bytes.dropLast()
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { bytes = bytes.dropFirst() }
        let whole = bytes.prefix(while: isDigit)
        var fraction = bytes.dropFirst(whole.count)
        guard !whole.isEmpty, whole.count <= 12 else { return nil }
        if !fraction.isEmpty {
            guard fraction.first == UInt8(ascii: ".") else { return nil }
            fraction = fraction.dropFirst()
            guard (1...9).contains(fraction.count), fraction.allSatisfy(isDigit) else { return nil }
        }
        let seconds = whole.reduce(Int64(0)) { $0 * 10 + Int64($1 - UInt8(ascii: "0")) }
        guard seconds <= maximumDurationSeconds else { return nil }
        var nanoseconds: Int64 = 0
        for digit in fraction { nanoseconds = nanoseconds * 10 + Int64(digit - UInt8(ascii: "0")) }
        for _ in fraction.count..<9 { nanoseconds *= 10 }
        let magnitude = Duration.seconds(seconds) + Duration.nanoseconds(nanoseconds)
        return negative ? .zero - magnitude : magnitude
    }
}

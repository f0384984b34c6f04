import SwiftProto
/// gRPC metadata: ordered key-value pairs, keys lowercase ASCII. Keys ending in `-bin` carry
/// bytes (base64 on the wire); all others carry printable ASCII strings.
public struct Metadata: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// One value: text for ordinary keys, bytes for `-bin` keys.
    public enum Value: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
        /// Printable ASCII (0x20 to 0x7E), for keys without `-bin`.
        case string(String)
        /// Any bytes, for keys ending in `-bin` (sent in base64).
        case binary([UInt8])

        /// A string value: `["x-user": "alice"]`.
        public init(stringLiteral value: String) { self = .string(value) }

        /// The text, or the bytes in base64.
        public var description: String {
            switch self {
            case .string(let text): return text
            case .binary(let bytes): return Base64.encode(bytes)
            }
        }
    }

    /// Every entry in order, keys lowercased; a key may occur more than once.
    public private(set) var entries: [(key: String, value: Value)] = []

    /// No metadata.
    public init() {}

    /// Metadata from a literal, in the order written: `["x-request-id": "42"]`.
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { add(value, forKey: key) }
    }

    /// Appends a text value under `key` (lowercased). Checked when sent: a reserved or invalid
    /// key, or text that is not printable ASCII, fails the call with INTERNAL.
    public mutating func addString(_ value: String, forKey key: String) {
        entries.append((key.lowercased(), .string(value)))
    }

    /// Appends a binary value under `key` (lowercased), which must end in `-bin`.
    public mutating func addBinary(_ value: [UInt8], forKey key: String) {
        entries.append((key.lowercased(), .binary(value)))
    }

    /// Appends `value` under `key` (lowercased), keeping the values already there.
    public mutating func add(_ value: Value, forKey key: String) {
        entries.append((key.lowercased(), value))
    }

    /// Removes every value of `key`.
    public mutating func removeAll(forKey key: String) {
        let lowered = key.lowercased()
        entries.removeAll { $0.key == lowered }
    }

    /// All values for `key`, in order.
    public subscript(key: String) -> [Value] {
        let lowered = key.lowercased()
        return entries.filter { $0.key == lowered }.map(\.value)
    }

    /// The first text value of `key`, if any.
    public func firstString(forKey key: String) -> String? {
        for value in self[key] { if case .string(let text) = value { return text } }
        return nil
    }

    /// The first binary value of `key`, if any (received `-bin` values arrive decoded from base64).
    public func firstBinary(forKey key: String) -> [UInt8]? {
        for value in self[key] { if case .binary(let bytes) = value { return bytes } }
        return nil
    }

    /// Whether there are no entries.
    public var isEmpty: Bool { entries.isEmpty }
    /// The number of entries (a key with two values counts twice).
    public var count: Int { entries.count }

    /// The entries in order, as `(key, value)` pairs.
    public func makeIterator() -> IndexingIterator<[(key: String, value: Value)]> {
        entries.makeIterator()
    }

    /// Equal when the same entries come in the same order.
    public static func == (lhs: Metadata, rhs: Metadata) -> Bool {
        lhs.entries.count == rhs.entries.count
            && zip(lhs.entries, rhs.entries).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }

    /// Hashes the entries in order.
    public func hash(into hasher: inout Hasher) {
        for entry in entries {
            hasher.combine(entry.key)
            hasher.combine(entry.value)
        }
    }

    /// `[key: value, …]`, binary values in base64.
    public var description: String {
        "[" + entries.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "]"
    }
}

extension Metadata {
    /// Header names gRPC itself uses; applications may not set them.
    static func isReserved(_ key: String) -> Bool {
        if key.hasPrefix(":") { return true }
        if key.hasPrefix("grpc-") {
            // A6's retry headers are the application's to read (a server sees which attempt it
            // serves) and a server's to send (pushback in its trailers).
            return key != "grpc-previous-rpc-attempts" && key != "grpc-retry-pushback-ms"
        }
        switch key {
        case "content-type", "te", "user-agent", "content-length", "connection", "host", "transfer-encoding", "upgrade":
            return true
        default:
            return false
        }
    }

    /// Valid header names: lowercase letters, digits, `-`, `_` and `.`.
    static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ".")
        }
    }

    /// The headers for this metadata, `-bin` values base64-encoded. Reserved or invalid keys
    /// are refused with INTERNAL, as the application asked for something gRPC cannot send.
    func headerFields() throws -> [(String, String)] {
        try entries.map { entry in
            try Metadata.validate(key: entry.key, value: entry.value)
            switch entry.value {
            case .binary(let bytes): return (entry.key, Base64.encode(bytes, padded: false))
            case .string(let text):
                if entry.key.hasSuffix("-bin") { return (entry.key, Base64.encode(Array(text.utf8), padded: false)) }
                return (entry.key, text)
            }
        }
    }

    /// Throws INTERNAL for metadata gRPC cannot send: a reserved or malformed key, a binary
    /// value under a key without `-bin`, a string value that is not printable ASCII.
    static func validate(key: String, value: Value) throws {
        guard isValidKey(key) else {
            throw RPCError(code: .internalError, message: "invalid metadata key '\(key)'")
        }
        guard !isReserved(key) else {
            throw RPCError(code: .internalError, message: "metadata key '\(key)' is reserved for gRPC")
        }
        switch value {
        case .binary:
            guard key.hasSuffix("-bin") else {
                throw RPCError(code: .internalError, message: "binary metadata key '\(key)' must end in -bin")
            }
        case .string(let text):
            guard key.hasSuffix("-bin") || text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
                throw RPCError(code: .internalError, message: "metadata value for '\(key)' is not printable ASCII")
            }
        }
    }

    /// Metadata from received headers, skipping gRPC's own and HTTP/2 pseudo-headers.
    /// A `-bin` value that is not base64 is dropped, as the spec allows.
    init(receivedHeaders headers: [(String, String)]) {
        for (name, value) in headers where !Metadata.isReserved(name) {
            if name.hasSuffix("-bin") {
                // Several values may arrive comma-joined in one header.
                for part in value.split(separator: ",") {
                    if let bytes = Base64.decode(part.trimmingCharacters(" ")) { addBinary(bytes, forKey: name) }
                }
            } else {
                addString(value, forKey: name)
            }
        }
    }
}

extension Substring {
    func trimmingCharacters(_ character: Character) -> Substring {
        var s = self
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return s
    }
}

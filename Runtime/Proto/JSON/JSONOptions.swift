/// How `jsonString(options:)` and `jsonUTF8Bytes(options:)` write (the names are
/// swift-protobuf's, so code moving over keeps its options).
public struct JSONEncodingOptions: Sendable, Hashable {
    /// 64-bit integers as JSON numbers instead of strings (not what the mapping recommends:
    /// JavaScript readers lose precision above 2^53).
    public var alwaysPrintInt64sAsNumbers = false
    /// Enum values as numbers instead of names.
    public var alwaysPrintEnumsAsInts = false
    /// Field names as in the .proto file instead of their lowerCamelCase JSON names.
    public var preserveProtoFieldNames = false
    /// Fields without presence (proto3 scalars, repeated, maps) even when they hold their
    /// default: `0`, `""`, `[]`, `{}`.
    public var alwaysPrintFieldsWithDefaultValues = false
    /// Map entries sorted by key, so equal messages print equally.
    public var useDeterministicOrdering = false

    /// The mapping's defaults: JSON names, 64-bit integers quoted, enums by name, fields at
    /// their default left out, map entries in no particular order.
    public init() {}
}

/// How `init(jsonString:options:)` and `init(jsonUTF8Bytes:options:)` read.
public struct JSONDecodingOptions: Sendable, Hashable {
    /// Nesting of messages, lists and structs beyond this is an error (a bound on the
    /// decoder's stack for hostile input).
    public var messageDepthLimit = 100
    /// Skip members that name no field (and enum names that name no value) instead of failing.
    public var ignoreUnknownFields = false

    /// The defaults: nesting up to 100, unknown members an error.
    public init() {}
}

/// JSON input that is not a valid encoding of the message, saying what and where.
public struct JSONDecodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, in words (`expected an object`, `"BLUE" is not a value of Color`).
    public let reason: String
    /// Byte offset in the input where the problem was found.
    public let offset: Int
    /// The field path to it (`outer.inner[2].name`), empty at the top level.
    public internal(set) var path: String

    /// An error for `reason` at byte `offset`, below field `path`.
    public init(_ reason: String, offset: Int, path: String = "") {
        self.reason = reason
        self.offset = offset
        self.path = path
    }

    /// `invalid JSON at offset N (path): reason`.
    public var description: String {
        "invalid JSON at offset \(offset)" + (path.isEmpty ? "" : " (\(path))") + ": \(reason)"
    }
}

/// A message that has no JSON form (an Any whose type is unknown, a Timestamp out of range).
public struct JSONEncodingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Why the message cannot be written (the Any's type URL that is not registered, the
    /// timestamp out of range …).
    public let reason: String

    /// An error for `reason`.
    public init(_ reason: String) {
        self.reason = reason
    }

    /// `cannot encode as JSON: reason`.
    public var description: String { "cannot encode as JSON: \(reason)" }
}

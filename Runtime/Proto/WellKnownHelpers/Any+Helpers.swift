/// The prefix of the type URLs that `Google_Protobuf_Any(message:)` writes.
public let defaultAnyTypeURLPrefix = "type.googleapis.com"

/// Packing a message into an Any and getting it back.
extension Google_Protobuf_Any {
    /// `message`, serialized, with the type URL `typePrefix/pkg.Message`.
    ///
    /// - Parameters:
    ///   - message: the message to pack.
    ///   - partial: pack even when required fields are missing (otherwise that throws).
    ///   - typePrefix: what comes before `/pkg.Message` in the type URL.
    public init(message: some Message, partial: Bool = false, typePrefix: String = defaultAnyTypeURLPrefix) throws {
        self.init()
        value = try message.serializedBytes(partial: partial)
        typeURL = typePrefix.hasSuffix("/") ? typePrefix + type(of: message).protoMessageName
            : typePrefix + "/" + type(of: message).protoMessageName
    }

    /// Whether this Any holds a `type` (its type URL ends in `/` and the type's full name).
    public func isA<M: Message>(_ type: M.Type) -> Bool {
        guard let slash = typeURL.utf8.lastIndex(of: UInt8(ascii: "/")) else { return false }
        return typeURL.utf8[typeURL.utf8.index(after: slash)...].elementsEqual(M.protoMessageName.utf8)
    }

    /// The message this Any holds, decoded as a `type`.
    ///
    /// - Throws: `AnyUnpackError.typeMismatch` when it holds another type; a decoding error
    ///   when its bytes are not a valid `type`.
    public func unpack<M: Message>(_ type: M.Type = M.self, extensions: (any ExtensionMap)? = nil) throws -> M {
        guard isA(type) else { throw AnyUnpackError.typeMismatch(expected: M.protoMessageName, typeURL: typeURL) }
        return try M(serializedBytes: value, extensions: extensions, partial: true)
    }

    /// The registered type of a full message name (`pkg.Message`), if any.
    public static func messageType(forMessageName name: String) -> (any Message.Type)? {
        MessageTypeRegistry.type(named: name)
    }
}

extension Message {
    /// The message an Any holds; the same as `any.unpack(Self.self)`.
    public init(unpackingAny any: Google_Protobuf_Any, extensions: (any ExtensionMap)? = nil) throws {
        self = try any.unpack(Self.self, extensions: extensions)
    }
}

/// Why an Any could not be unpacked as the type asked for.
public enum AnyUnpackError: Error, Equatable, CustomStringConvertible, Sendable {
    /// The Any holds the type its `typeURL` names, not the `expected` full message name.
    case typeMismatch(expected: String, typeURL: String)

    /// `the Any holds "<type URL>", not <expected>`.
    public var description: String {
        switch self {
        case .typeMismatch(let expected, let typeURL): "the Any holds \"\(typeURL)\", not \(expected)"
        }
    }
}

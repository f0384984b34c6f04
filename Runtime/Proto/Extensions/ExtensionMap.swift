/// Extensions by extended message and number, and by full name: what the decoders are given
/// (`init(serializedBytes:extensions:)`, `init(jsonString:extensions:)`,
/// `init(textFormatString:options:extensions:)`) to recognise extension fields.
public protocol ExtensionMap: Sendable {
    /// The extension of `messageType` with number `fieldNumber`, if the map knows one: what the
    /// binary decoder asks for a field in an extension range.
    subscript(messageType: any Message.Type, fieldNumber: Int) -> (any AnyMessageExtension)? { get }
    /// The number of the extension of `messageType` whose full name is `protoFieldName`
    /// (`pkg.ext`): what JSON and text format ask for a `[pkg.ext]` name.
    func fieldNumberForProto(messageType: any Message.Type, protoFieldName: String) -> Int?
}

extension ExtensionMap {
    func ext(for messageType: any Message.Type, named name: String) -> (any AnyMessageExtension)? {
        fieldNumberForProto(messageType: messageType, protoFieldName: name).flatMap { self[messageType, $0] }
    }
}

/// An ``ExtensionMap`` built from a list of extensions. Each generated file declares one
/// holding its extensions (`Pkg_FileName_Extensions`); combine several with
/// ``init(_:)`` or ``union(_:)``:
///
/// ```swift
/// let extensions = SimpleExtensionMap(Pkg_A_Extensions, Pkg_B_Extensions)
/// let message = try Pkg_Base(serializedBytes: bytes, extensions: extensions)
/// ```
public struct SimpleExtensionMap: ExtensionMap, ExpressibleByArrayLiteral {
    private var byNumber: [ObjectIdentifier: [Int: any AnyMessageExtension]] = [:]

    /// An empty map: every extension field stays an unknown field.
    public init() {}

    /// A map of the extensions listed; a later one with the same message and number replaces
    /// an earlier one.
    public init(arrayLiteral elements: any AnyMessageExtension...) {
        insert(contentsOf: elements)
    }

    /// The union of several maps (later ones win).
    public init(_ maps: SimpleExtensionMap...) {
        for map in maps { formUnion(map) }
    }

    /// The extension of `messageType` numbered `fieldNumber`, if inserted.
    public subscript(messageType: any Message.Type, fieldNumber: Int) -> (any AnyMessageExtension)? {
        byNumber[ObjectIdentifier(messageType)]?[fieldNumber]
    }

    /// The number of the inserted extension of `messageType` whose full name is `protoFieldName`.
    public func fieldNumberForProto(messageType: any Message.Type, protoFieldName: String) -> Int? {
        byNumber[ObjectIdentifier(messageType)]?.values.first { $0.fieldName == protoFieldName }?.fieldNumber
    }

    /// Adds `ext`, replacing an extension with the same message and number.
    public mutating func insert(_ ext: any AnyMessageExtension) {
        byNumber[ObjectIdentifier(ext.messageType), default: [:]][ext.fieldNumber] = ext
    }

    /// Adds every extension of `extensions`, in order.
    public mutating func insert(contentsOf extensions: [any AnyMessageExtension]) {
        for ext in extensions { insert(ext) }
    }

    /// Adds every extension of `other`; where both have one for a message and number, `other`'s wins.
    public mutating func formUnion(_ other: SimpleExtensionMap) {
        for (type, extensions) in other.byNumber {
            byNumber[type, default: [:]].merge(extensions) { _, new in new }
        }
    }

    /// This map and `other` together; where both have one for a message and number, `other`'s wins.
    public func union(_ other: SimpleExtensionMap) -> SimpleExtensionMap {
        var union = self
        union.formUnion(other)
        return union
    }
}

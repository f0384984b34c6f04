/// Extensions by extended message and number, and by full name: what the decoders are given
/// (`init(serializedBytes:extensions:)`, `init(jsonString:extensions:)`,
/// `init(textFormatString:options:extensions:)`) to recognise extension fields.
public protocol ExtensionMap: Sendable {
    subscript(messageType: any Message.Type, fieldNumber: Int) -> (any AnyMessageExtension)? { get }
    func fieldNumberForProto(messageType: any Message.Type, protoFieldName: String) -> Int?
}

extension ExtensionMap {
    func ext(for messageType: any Message.Type, named name: String) -> (any AnyMessageExtension)? {
        fieldNumberForProto(messageType: messageType, protoFieldName: name).flatMap { self[messageType, $0] }
    }
}

public struct SimpleExtensionMap: ExtensionMap, ExpressibleByArrayLiteral {
    private var byNumber: [ObjectIdentifier: [Int: any AnyMessageExtension]] = [:]

    public init() {}

    public init(arrayLiteral elements: any AnyMessageExtension...) {
        insert(contentsOf: elements)
    }

    /// The union of several maps (later ones win).
    public init(_ maps: SimpleExtensionMap...) {
        for map in maps { formUnion(map) }
    }

    public subscript(messageType: any Message.Type, fieldNumber: Int) -> (any AnyMessageExtension)? {
        byNumber[ObjectIdentifier(messageType)]?[fieldNumber]
    }

    public func fieldNumberForProto(messageType: any Message.Type, protoFieldName: String) -> Int? {
        byNumber[ObjectIdentifier(messageType)]?.values.first { $0.fieldName == protoFieldName }?.fieldNumber
    }

    public mutating func insert(_ ext: any AnyMessageExtension) {
        byNumber[ObjectIdentifier(ext.messageType), default: [:]][ext.fieldNumber] = ext
    }

    public mutating func insert(contentsOf extensions: [any AnyMessageExtension]) {
        for ext in extensions { insert(ext) }
    }

    public mutating func formUnion(_ other: SimpleExtensionMap) {
        for (type, extensions) in other.byNumber {
            byNumber[type, default: [:]].merge(extensions) { _, new in new }
        }
    }

    public func union(_ other: SimpleExtensionMap) -> SimpleExtensionMap {
        var union = self
        union.formUnion(other)
        return union
    }
}

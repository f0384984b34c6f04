/// One declared extension: its number and full name, the message it extends, and its shape.
/// Generated code declares each as a constant (`Pkg_Extensions_name`, or
/// `Scope.Extensions.name` for one declared inside a message) and collects a file's in a
/// `SimpleExtensionMap`.
public protocol AnyMessageExtension: Sendable {
    /// The extension's field number, within one of the extended message's extension ranges.
    var fieldNumber: Int { get }
    /// The full proto name, `pkg.Scope.name`: how JSON (`"[pkg.name]"`) and text format
    /// (`[pkg.name]`) refer to it.
    var fieldName: String { get }
    /// The extended message's type.
    var messageType: any Message.Type { get }

    // Type-erased operations on a value of this extension, for the message's storage.
    func _decode(from decoder: inout BinaryDecoder, into values: inout ExtensionFieldValueSet) throws
    func _encode(_ value: any Sendable, to encoder: inout BinaryEncoder)
    func _writeJSON(_ value: any Sendable, to writer: inout JSONWriter) throws
    func _readJSON(from reader: inout JSONReader, into values: inout ExtensionFieldValueSet) throws
    func _printText(_ value: any Sendable, to printer: inout TextPrinter)
    func _readText(from reader: inout TextReader, into values: inout ExtensionFieldValueSet) throws
    func _isEqual(_ a: any Sendable, _ b: any Sendable) -> Bool
    func _hash(_ value: any Sendable, into hasher: inout Hasher)
    func _isInitialized(_ value: any Sendable) -> Bool
}

/// A declared extension with its types: `FieldType` says how its value travels,
/// `MessageType` is the message it extends. The generated accessors
/// (`message.Pkg_myExtension`, `hasPkg_myExtension`, `clearPkg_myExtension()`) pass it to
/// ``ExtensibleMessage/getExtensionValue(ext:)`` and its siblings.
public final class MessageExtension<FieldType: ExtensionField, MessageType: ExtensibleMessage>: AnyMessageExtension {
    /// The extension's field number.
    public let fieldNumber: Int
    /// The extension's full proto name, `pkg.Scope.name`.
    public let fieldName: String
    /// `MessageType`, the message this extension extends.
    public var messageType: any Message.Type { MessageType.self }

    /// Declares an extension numbered `fieldNumber` with full name `fieldName`; generated code
    /// calls this once per extension, as a global or static constant.
    public init(fieldNumber: Int, fieldName: String) {
        self.fieldNumber = fieldNumber
        self.fieldName = fieldName
    }

    func typed(_ value: any Sendable) -> FieldType.ValueType {
        value as! FieldType.ValueType
    }

    private func update(_ values: inout ExtensionFieldValueSet, _ body: (inout FieldType.ValueType?) throws -> Void) rethrows {
        var value = values.value(forNumber: fieldNumber).map(typed)
        try body(&value)
        if let value, FieldType.isPresent(value) {
            values.set(value, for: self)
        } else {
            values.remove(fieldNumber)
        }
    }

    public func _decode(from decoder: inout BinaryDecoder, into values: inout ExtensionFieldValueSet) throws {
        try update(&values) { try FieldType.decode(from: &decoder, into: &$0) }
    }

    public func _encode(_ value: any Sendable, to encoder: inout BinaryEncoder) {
        FieldType.encode(typed(value), fieldNumber: UInt32(fieldNumber), to: &encoder)
    }

    public func _writeJSON(_ value: any Sendable, to writer: inout JSONWriter) throws {
        try FieldType.writeJSON(typed(value), to: &writer)
    }

    public func _readJSON(from reader: inout JSONReader, into values: inout ExtensionFieldValueSet) throws {
        try update(&values) { try FieldType.readJSON(from: &reader, into: &$0) }
    }

    public func _printText(_ value: any Sendable, to printer: inout TextPrinter) {
        FieldType.printText(typed(value), name: "[\(fieldName)]", to: &printer)
    }

    public func _readText(from reader: inout TextReader, into values: inout ExtensionFieldValueSet) throws {
        try update(&values) { try FieldType.readText(from: &reader, into: &$0) }
    }

    public func _isEqual(_ a: any Sendable, _ b: any Sendable) -> Bool {
        typed(a) == typed(b)
    }

    public func _hash(_ value: any Sendable, into hasher: inout Hasher) {
        hasher.combine(typed(value))
    }

    public func _isInitialized(_ value: any Sendable) -> Bool {
        FieldType.isInitialized(typed(value))
    }
}

/// A message with extension ranges: it keeps the extension fields it was given (set, or read
/// with an extension map that knows them); the rest stay in its unknown fields.
public protocol ExtensibleMessage: Message {
    /// Where the message keeps its extension values; generated code stores it, reads and
    /// writes go through the methods below.
    var _protobuf_extensionFieldValues: ExtensionFieldValueSet { get set }
}

extension ExtensibleMessage {
    /// The extension's value, or nil when it is not set (the generated accessor then answers
    /// the extension's default).
    public func getExtensionValue<F: ExtensionField>(ext: MessageExtension<F, Self>) -> F.ValueType? {
        _protobuf_extensionFieldValues.value(forNumber: ext.fieldNumber).map(ext.typed)
    }

    /// Sets the extension; an empty list (for a repeated one) clears it.
    public mutating func setExtensionValue<F: ExtensionField>(ext: MessageExtension<F, Self>, value: F.ValueType) {
        if F.isPresent(value) {
            _protobuf_extensionFieldValues.set(value, for: ext)
        } else {
            _protobuf_extensionFieldValues.remove(ext.fieldNumber)
        }
    }

    /// Whether the extension is set on this message.
    public func hasExtensionValue<F: ExtensionField>(ext: MessageExtension<F, Self>) -> Bool {
        _protobuf_extensionFieldValues.value(forNumber: ext.fieldNumber) != nil
    }

    /// Removes the extension's value.
    public mutating func clearExtensionValue<F: ExtensionField>(ext: MessageExtension<F, Self>) {
        _protobuf_extensionFieldValues.remove(ext.fieldNumber)
    }
}

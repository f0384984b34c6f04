/// An extension field's shape (optional or repeated, packed or not, message or group) over a
/// codec: how one value set on a message travels in every format. Generated extension
/// declarations name one: `OptionalExtensionField<ProtoInt32>`,
/// `RepeatedMessageExtensionField<Pkg_Msg>` …
public protocol ExtensionField {
    /// What a message holds for the extension: the codec's value (`Int32` …), a message, or
    /// an array of either for a repeated extension.
    associatedtype ValueType: Hashable & Sendable
    /// Merges one occurrence whose tag the decoder has just read.
    static func decode(from decoder: inout BinaryDecoder, into value: inout ValueType?) throws
    /// Writes the value with its tag (or tags, for a repeated extension).
    static func encode(_ value: ValueType, fieldNumber: UInt32, to encoder: inout BinaryEncoder)
    /// Writes the value of a `"[pkg.ext]"` member (its name is already written).
    static func writeJSON(_ value: ValueType, to writer: inout JSONWriter) throws
    /// Reads the value of a `"[pkg.ext]"` member, merging into `value`.
    static func readJSON(from reader: inout JSONReader, into value: inout ValueType?) throws
    /// Prints the value in text format under `name` (`[pkg.ext]`), one line or block per element.
    static func printText(_ value: ValueType, name: String, to printer: inout TextPrinter)
    /// Reads a text-format `[pkg.ext]` field's value (its name is already read), merging into `value`.
    static func readText(from reader: inout TextReader, into value: inout ValueType?) throws
    /// Whether a set value counts as set (an empty repeated extension does not).
    static func isPresent(_ value: ValueType) -> Bool
    /// Whether the value's proto2 `required` fields are all set (true for scalars).
    static func isInitialized(_ value: ValueType) -> Bool
}

extension ExtensionField {
    /// True: a singular extension is set once it holds any value.
    public static func isPresent(_ value: ValueType) -> Bool { true }
    /// True: scalars have no required fields.
    public static func isInitialized(_ value: ValueType) -> Bool { true }
}

/// The codecs extension fields are built from: every format in one.
public typealias ExtensionCodec = JSONCodec & TextCodec

/// A singular scalar, enum, string or bytes extension: the last occurrence wins.
public enum OptionalExtensionField<C: ExtensionCodec>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout C.Value?) throws {
        value = try C.decode(from: &decoder)
    }
    public static func encode(_ value: C.Value, fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.put(C.self, value, tag: C.tag(fieldNumber))
    }
    public static func writeJSON(_ value: C.Value, to writer: inout JSONWriter) throws { try C.writeJSON(value, to: &writer) }
    public static func readJSON(from reader: inout JSONReader, into value: inout C.Value?) throws {
        if let read = try reader.read(C.self) { value = read }
    }
    public static func printText(_ value: C.Value, name: String, to printer: inout TextPrinter) {
        C.printText(value, name: name, to: &printer)
    }
    public static func readText(from reader: inout TextReader, into value: inout C.Value?) throws {
        value = try reader.read(C.self)
    }
}

/// Repeated scalars, enums, strings and bytes; reads packed and unpacked alike (what can be
/// packed), writes unpacked.
public enum RepeatedExtensionField<C: ExtensionCodec>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout [C.Value]?) throws {
        var values = value ?? []
        if C.wireType != .lengthDelimited && decoder.tag & 7 == WireType.lengthDelimited.rawValue {
            let length = try decoder.decodeLength()
            try decoder.withLimit(length) { inner in
                while !inner.isAtLimit { values.append(try C.decode(from: &inner)) }
            }
        } else {
            values.append(try C.decode(from: &decoder))
        }
        value = values
    }
    public static func encode(_ value: [C.Value], fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putRepeated(C.self, value, tag: C.tag(fieldNumber))
    }
    public static func writeJSON(_ value: [C.Value], to writer: inout JSONWriter) throws {
        writer.beginArray()
        for element in value {
            writer.separator()
            try C.writeJSON(element, to: &writer)
        }
        writer.endArray()
    }
    public static func readJSON(from reader: inout JSONReader, into value: inout [C.Value]?) throws {
        var values = value ?? []
        try reader.readRepeated(C.self, into: &values)
        value = values
    }
    public static func printText(_ value: [C.Value], name: String, to printer: inout TextPrinter) {
        for element in value { C.printText(element, name: name, to: &printer) }
    }
    public static func readText(from reader: inout TextReader, into value: inout [C.Value]?) throws {
        var values = value ?? []
        try reader.readRepeated(C.self, into: &values)
        value = values
    }
    public static func isPresent(_ value: [C.Value]) -> Bool { !value.isEmpty }
}

/// `[packed = true]`: written packed, read in either form.
public enum PackedExtensionField<C: ExtensionCodec & PackableCodec>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout [C.Value]?) throws {
        var values = value ?? []
        try decoder.decodeRepeated(C.self, into: &values)
        value = values
    }
    public static func encode(_ value: [C.Value], fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putPacked(C.self, value, tag: WireFormat.tag(fieldNumber: fieldNumber, wireType: .lengthDelimited))
    }
    public static func writeJSON(_ value: [C.Value], to writer: inout JSONWriter) throws {
        try RepeatedExtensionField<C>.writeJSON(value, to: &writer)
    }
    public static func readJSON(from reader: inout JSONReader, into value: inout [C.Value]?) throws {
        try RepeatedExtensionField<C>.readJSON(from: &reader, into: &value)
    }
    public static func printText(_ value: [C.Value], name: String, to printer: inout TextPrinter) {
        RepeatedExtensionField<C>.printText(value, name: name, to: &printer)
    }
    public static func readText(from reader: inout TextReader, into value: inout [C.Value]?) throws {
        try RepeatedExtensionField<C>.readText(from: &reader, into: &value)
    }
    public static func isPresent(_ value: [C.Value]) -> Bool { !value.isEmpty }
}

/// A message extension: occurrences merge, as for a message field.
public enum OptionalMessageExtensionField<M: Message>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout M?) throws {
        var message = value ?? M()
        try decoder.decodeMessage(into: &message)
        value = message
    }
    public static func encode(_ value: M, fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putMessage(value, tag: WireFormat.tag(fieldNumber: fieldNumber, wireType: .lengthDelimited))
    }
    public static func writeJSON(_ value: M, to writer: inout JSONWriter) throws { try value.encodeJSON(to: &writer) }
    public static func readJSON(from reader: inout JSONReader, into value: inout M?) throws { try reader.readMessage(into: &value) }
    public static func printText(_ value: M, name: String, to printer: inout TextPrinter) { printer.print(name, value) }
    public static func readText(from reader: inout TextReader, into value: inout M?) throws { try reader.readMessage(into: &value) }
    public static func isInitialized(_ value: M) -> Bool { value.isInitialized }
}

/// A repeated message extension: each occurrence appends one message.
public enum RepeatedMessageExtensionField<M: Message>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout [M]?) throws {
        var values = value ?? []
        try decoder.decodeRepeatedMessage(into: &values)
        value = values
    }
    public static func encode(_ value: [M], fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putRepeatedMessage(value, tag: WireFormat.tag(fieldNumber: fieldNumber, wireType: .lengthDelimited))
    }
    public static func writeJSON(_ value: [M], to writer: inout JSONWriter) throws {
        try RepeatedExtensionField<ProtoMessage<M>>.writeJSON(value, to: &writer)
    }
    public static func readJSON(from reader: inout JSONReader, into value: inout [M]?) throws {
        try RepeatedExtensionField<ProtoMessage<M>>.readJSON(from: &reader, into: &value)
    }
    public static func printText(_ value: [M], name: String, to printer: inout TextPrinter) { printer.print(name, value) }
    public static func readText(from reader: inout TextReader, into value: inout [M]?) throws {
        try RepeatedExtensionField<ProtoMessage<M>>.readText(from: &reader, into: &value)
    }
    public static func isPresent(_ value: [M]) -> Bool { !value.isEmpty }
    public static func isInitialized(_ value: [M]) -> Bool { value.allSatisfy(\.isInitialized) }
}

/// Groups (and editions' delimited messages): the message between start- and end-group tags.
public enum OptionalGroupExtensionField<M: Message>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout M?) throws {
        var message = value ?? M()
        try decoder.decodeGroup(into: &message)
        value = message
    }
    public static func encode(_ value: M, fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putGroup(value, fieldNumber: fieldNumber)
    }
    public static func writeJSON(_ value: M, to writer: inout JSONWriter) throws { try value.encodeJSON(to: &writer) }
    public static func readJSON(from reader: inout JSONReader, into value: inout M?) throws { try reader.readMessage(into: &value) }
    public static func printText(_ value: M, name: String, to printer: inout TextPrinter) { printer.print(name, value) }
    public static func readText(from reader: inout TextReader, into value: inout M?) throws { try reader.readMessage(into: &value) }
    public static func isInitialized(_ value: M) -> Bool { value.isInitialized }
}

/// A repeated group extension (or editions' repeated delimited message).
public enum RepeatedGroupExtensionField<M: Message>: ExtensionField {
    public static func decode(from decoder: inout BinaryDecoder, into value: inout [M]?) throws {
        var values = value ?? []
        try decoder.decodeRepeatedGroup(into: &values)
        value = values
    }
    public static func encode(_ value: [M], fieldNumber: UInt32, to encoder: inout BinaryEncoder) {
        encoder.putRepeatedGroup(value, fieldNumber: fieldNumber)
    }
    public static func writeJSON(_ value: [M], to writer: inout JSONWriter) throws {
        try RepeatedMessageExtensionField<M>.writeJSON(value, to: &writer)
    }
    public static func readJSON(from reader: inout JSONReader, into value: inout [M]?) throws {
        try RepeatedMessageExtensionField<M>.readJSON(from: &reader, into: &value)
    }
    public static func printText(_ value: [M], name: String, to printer: inout TextPrinter) { printer.print(name, value) }
    public static func readText(from reader: inout TextReader, into value: inout [M]?) throws {
        try RepeatedMessageExtensionField<M>.readText(from: &reader, into: &value)
    }
    public static func isPresent(_ value: [M]) -> Bool { !value.isEmpty }
    public static func isInitialized(_ value: [M]) -> Bool { value.allSatisfy(\.isInitialized) }
}

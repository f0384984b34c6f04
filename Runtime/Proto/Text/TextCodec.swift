/// How one field type is read from text format (printing goes through `TextPrinter`). The
/// binary codecs conform, so generated code names one codec per field for every format.
public protocol TextCodec: FieldCodec {
    /// Reads one value after its field name (and `:`): integers in decimal, hex or octal,
    /// floats with `inf`/`nan`, strings in either quotes with C escapes, enums by name or number,
    /// messages in `{ … }` or `< … >`.
    static func readText(from reader: inout TextReader) throws -> Value
    /// `name: value` (or `name { … }`), for values printed without their field's generated code
    /// (extensions).
    static func printText(_ value: Value, name: String, to printer: inout TextPrinter)
    /// Messages take `{ … }` and may leave out the `:` before it.
    static var isTextMessage: Bool { get }
}

extension TextCodec {
    @inlinable public static var isTextMessage: Bool { false }
}

extension TextCodec where Value: TextScalar {
    /// Prints `name: value` on one line.
    public static func printText(_ value: Value, name: String, to printer: inout TextPrinter) {
        printer.print(name, value)
    }
}

extension ProtoInt32: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int32 { try reader.readInt32() } }
extension ProtoSInt32: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int32 { try reader.readInt32() } }
extension ProtoSFixed32: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int32 { try reader.readInt32() } }
extension ProtoUInt32: TextCodec { public static func readText(from reader: inout TextReader) throws -> UInt32 { try reader.readUInt32() } }
extension ProtoFixed32: TextCodec { public static func readText(from reader: inout TextReader) throws -> UInt32 { try reader.readUInt32() } }
extension ProtoInt64: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int64 { try reader.readInt64() } }
extension ProtoSInt64: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int64 { try reader.readInt64() } }
extension ProtoSFixed64: TextCodec { public static func readText(from reader: inout TextReader) throws -> Int64 { try reader.readInt64() } }
extension ProtoUInt64: TextCodec { public static func readText(from reader: inout TextReader) throws -> UInt64 { try reader.readUInt64() } }
extension ProtoFixed64: TextCodec { public static func readText(from reader: inout TextReader) throws -> UInt64 { try reader.readUInt64() } }
extension ProtoFloat: TextCodec { public static func readText(from reader: inout TextReader) throws -> Float { try reader.readFloat() } }
extension ProtoDouble: TextCodec { public static func readText(from reader: inout TextReader) throws -> Double { try reader.readDouble() } }
extension ProtoBool: TextCodec { public static func readText(from reader: inout TextReader) throws -> Bool { try reader.readBool() } }
extension ProtoString: TextCodec { public static func readText(from reader: inout TextReader) throws -> String { try reader.readString() } }
extension ProtoBytes: TextCodec { public static func readText(from reader: inout TextReader) throws -> [UInt8] { try reader.readStringBytes() } }
extension ProtoEnum: TextCodec {
    public static func readText(from reader: inout TextReader) throws -> E { try reader.readEnum(E.self) }
    /// Prints `name: VALUE_NAME`, or the number for a value the enum does not name.
    public static func printText(_ value: E, name: String, to printer: inout TextPrinter) { printer.print(name, value) }
}

extension ProtoMessage: TextCodec {
    /// True: a message's value is a `{ … }` block, so the `:` before it is optional.
    public static var isTextMessage: Bool { true }
    public static func readText(from reader: inout TextReader) throws -> M {
        var message = M()
        try reader.readMessageBody(into: &message)
        return message
    }
    /// Prints `name { … }` with the message's fields indented inside.
    public static func printText(_ value: M, name: String, to printer: inout TextPrinter) { printer.print(name, value) }
}

/// A generated protobuf message: a value type whose generated code does the wire work.
public protocol Message: Sendable, Hashable, CustomDebugStringConvertible {
    /// A message with every field unset (or at its default).
    init()

    /// The fully qualified proto name, e.g. `helloworld.HelloRequest`.
    static var protoMessageName: String { get }

    /// Fields this version of the schema does not know, kept byte for byte and written back.
    var unknownFields: UnknownStorage { get set }

    /// False when a proto2 `required` field, here or in a submessage, is unset.
    var isInitialized: Bool { get }

    /// Reads fields until the decoder's limit, merging them into `self`.
    mutating func decodeMessage(from decoder: inout BinaryDecoder) throws

    /// Writes every set field; see `BinaryEncoder` for why the order is back to front.
    func encodeMessage(to encoder: inout BinaryEncoder)

    /// Writes the set fields as text format; backs `debugDescription`.
    func printText(to printer: inout TextPrinter)

    /// Writes the message as ProtoJSON (an object, or a well-known type's special form).
    func encodeJSON(to writer: inout JSONWriter) throws

    /// Reads ProtoJSON, merging it into `self`.
    mutating func decodeJSON(from reader: inout JSONReader) throws

    /// Reads text format fields up to the end of the message, merging them into `self`.
    mutating func decodeText(from reader: inout TextReader) throws

    /// True for google.protobuf.Value, whose JSON form includes `null`.
    static var readsJSONNull: Bool { get }

    /// The .proto file that declares the type, for reflection; nil for hand-written messages.
    static var fileDescriptor: GeneratedFileDescriptor? { get }
}

extension Message {
    /// True: a message with no proto2 `required` field anywhere below it is always complete.
    public var isInitialized: Bool { true }
    /// False: for every message but google.protobuf.Value, JSON `null` means "not set".
    public static var readsJSONNull: Bool { false }

    /// Decodes a message from its binary form.
    ///
    /// - Parameters:
    ///   - bytes: the encoded message (`[UInt8]`, a slice, or a buffer you own).
    ///   - extensions: the extensions to recognise (others stay unknown fields).
    ///   - partial: accept a message whose required fields are missing.
    /// - Throws: `BinaryDecodingError` saying what is wrong and at which byte.
    public init(serializedBytes bytes: some ContiguousBytes, extensions: (any ExtensionMap)? = nil, partial: Bool = false) throws {
        self.init()
        try merge(serializedBytes: bytes, extensions: extensions, partial: partial)
    }

    /// Merges binary data into this message: scalars take the last value, repeated fields
    /// append, submessages merge.
    public mutating func merge(serializedBytes bytes: some ContiguousBytes, extensions: (any ExtensionMap)? = nil,
                               partial: Bool = false) throws {
        try bytes.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            decoder.extensions = extensions
            try decodeMessage(from: &decoder)
        }
        if !partial && !isInitialized {
            throw BinaryDecodingError(.missingRequiredFields)
        }
    }

    /// The message's binary form.
    ///
    /// - Parameter partial: encode even when required fields are missing.
    public func serializedBytes(partial: Bool = false) throws -> [UInt8] {
        if !partial && !isInitialized {
            throw BinaryEncodingError.missingRequiredFields(messageName: Self.protoMessageName)
        }
        // Encoded on the stack first: a small message then costs one allocation, its result's.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: BinaryEncoder.stackCapacity) { buffer in
            var encoder = BinaryEncoder(borrowing: buffer)
            encodeMessage(to: &encoder)
            return encoder.finish()
        }
    }

    /// A new message configured by `populator`: `let m = HelloRequest.with { $0.name = "x" }`.
    public static func with(_ populator: (inout Self) throws -> Void) rethrows -> Self {
        var message = Self()
        try populator(&message)
        return message
    }

    /// The message's full name, then its text format: `helloworld.HelloRequest:` and
    /// `name: "world"` on the next line. What `print(message)` shows.
    public var debugDescription: String {
        "\(Self.protoMessageName):\n" + textFormatString()
    }
}

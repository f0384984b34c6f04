/// Why bytes could not be decoded, and where: every malformed input ends in one of these.
public struct BinaryDecodingError: Error, Hashable, CustomStringConvertible {
    /// What was wrong with the input; the raw value is the text ``BinaryDecodingError/description`` uses.
    public enum Kind: String, Sendable {
        /// The input ends in the middle of a field (a varint, a fixed-width value or a length).
        case truncated = "input ends inside a field"
        /// A varint runs on past ten bytes.
        case varintTooLong = "varint longer than 10 bytes"
        /// A tag does not fit 32 bits.
        case invalidTag = "tag is not a valid varint of at most 32 bits"
        /// A tag carries field number 0, which no field can have.
        case invalidFieldNumber = "field number 0"
        /// A tag carries wire type 6 or 7, which do not exist.
        case invalidWireType = "invalid wire type"
        /// A length prefix promises more bytes than the enclosing message has.
        case lengthOutOfBounds = "length runs past the end of the input"
        /// A `string` field holds bytes that are not UTF-8 (a Swift `String` cannot hold them; use
        /// `bytes` for such data).
        case invalidUTF8 = "string is not valid UTF-8"
        /// An end-group tag with no open group, or for another field number than the open one.
        case endGroupMismatch = "end-group tag without a matching start-group"
        /// The input ends while a group is still open.
        case unclosedGroup = "group is not closed before the input ends"
        /// Submessages and groups nest deeper than the decoder's recursion limit (100 by default):
        /// a guard against hostile input exhausting the stack.
        case depthLimitExceeded = "messages nested deeper than the recursion limit"
        /// A proto2 `required` field is unset once decoding is done (pass `partial: true` to
        /// accept such a message).
        case missingRequiredFields = "required fields are missing"
        /// A packed field of fixed-width elements is not a whole number of them long.
        case trailingBytesInPacked = "packed field length is not a whole number of elements"
    }

    /// What was wrong.
    public let kind: Kind
    /// Byte offset into the input where the problem was found.
    public let offset: Int
    /// The field being decoded, when one was.
    public let fieldNumber: UInt32

    /// An error of `kind` at byte `offset`, in field `fieldNumber` (0: none).
    public init(_ kind: Kind, offset: Int = 0, fieldNumber: UInt32 = 0) {
        self.kind = kind
        self.offset = offset
        self.fieldNumber = fieldNumber
    }

    /// `protobuf decoding failed: <what> (field N, byte M)`.
    public var description: String {
        var text = "protobuf decoding failed: \(kind.rawValue)"
        if fieldNumber != 0 { text += " (field \(fieldNumber)" } else { text += " (" }
        text += fieldNumber != 0 ? ", byte \(offset))" : "byte \(offset))"
        return text
    }
}

/// Why a message could not be encoded.
public enum BinaryEncodingError: Error, Hashable, CustomStringConvertible {
    /// A proto2 `required` field of the message named (or of a submessage) is unset; pass
    /// `partial: true` to `serializedBytes(partial:)` to encode it anyway.
    case missingRequiredFields(messageName: String)

    /// What failed, naming the message and how to encode it anyway.
    public var description: String {
        switch self {
        case .missingRequiredFields(let name):
            return "cannot encode \(name): required fields are missing (pass partial: true to encode anyway)"
        }
    }
}

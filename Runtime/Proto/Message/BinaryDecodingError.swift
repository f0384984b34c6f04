/// Why bytes could not be decoded, and where: every malformed input ends in one of these.
public struct BinaryDecodingError: Error, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        case truncated = "input ends inside a field"
        case varintTooLong = "varint longer than 10 bytes"
        case invalidTag = "tag is not a valid varint of at most 32 bits"
        case invalidFieldNumber = "field number 0"
        case invalidWireType = "invalid wire type"
        case lengthOutOfBounds = "length runs past the end of the input"
        case invalidUTF8 = "string is not valid UTF-8"
        case endGroupMismatch = "end-group tag without a matching start-group"
        case unclosedGroup = "group is not closed before the input ends"
        case depthLimitExceeded = "messages nested deeper than the recursion limit"
        case missingRequiredFields = "required fields are missing"
        case trailingBytesInPacked = "packed field length is not a whole number of elements"
    }

    public let kind: Kind
    /// Byte offset into the input where the problem was found.
    public let offset: Int
    /// The field being decoded, when one was.
    public let fieldNumber: UInt32

    public init(_ kind: Kind, offset: Int = 0, fieldNumber: UInt32 = 0) {
        self.kind = kind
        self.offset = offset
        self.fieldNumber = fieldNumber
    }

    public var description: String {
        var text = "protobuf decoding failed: \(kind.rawValue)"
        if fieldNumber != 0 { text += " (field \(fieldNumber)" } else { text += " (" }
        text += fieldNumber != 0 ? ", byte \(offset))" : "byte \(offset))"
        return text
    }
}

/// Why a message could not be encoded.
public enum BinaryEncodingError: Error, Hashable, CustomStringConvertible {
    case missingRequiredFields(messageName: String)

    public var description: String {
        switch self {
        case .missingRequiredFields(let name):
            return "cannot encode \(name): required fields are missing (pass partial: true to encode anyway)"
        }
    }
}

import SwiftProto

/// Serializes a message straight into a gRPC frame: the back-to-front encoder writes the message,
/// then its 5-byte prefix in front of it, with no copy in between.
enum MessageFramer {
    static func frame<M: Message>(_ message: M, compression: CompressionAlgorithm? = nil) throws -> [UInt8] {
        var serializedSize = 0
        return try frame(message, compression: compression, serializedSize: &serializedSize)
    }

    /// Frames `message`, telling the size of its encoding before compression (for interceptors).
    static func frame<M: Message>(_ message: M, compression: CompressionAlgorithm?, serializedSize: inout Int) throws -> [UInt8] {
        guard message.isInitialized else {
            throw RPCError(code: .internalError, message: "\(M.protoMessageName) is missing required fields")
        }
        var encoder = BinaryEncoder()
        message.encodeMessage(to: &encoder)
        serializedSize = encoder.count
        if let compression {
            let compressed = try compression.compress(encoder.finish())
            return prefix(flag: 1, length: compressed.count) + compressed
        }
        encoder.putRawBytes(prefix(flag: 0, length: encoder.count))
        return encoder.finish()
    }

    private static func prefix(flag: UInt8, length: Int) -> [UInt8] {
        let length = UInt32(length)
        return [flag, UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)]
    }
}

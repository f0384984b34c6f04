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
        let (encoded, size) = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: BinaryEncoder.stackCapacity) { buffer in
            var encoder = BinaryEncoder(borrowing: buffer)
            message.encodeMessage(to: &encoder)
            let size = encoder.count
            if compression == nil { putPrefix(flag: 0, to: &encoder) }
            return (encoder.finish(), size)
        }
        serializedSize = size
        guard let compression else { return encoded }
        let compressed = try compression.compress(encoded)
        var framed = BinaryEncoder(capacity: compressed.count + 5)
        framed.putRawBytes(compressed)
        putPrefix(flag: 1, to: &framed)
        return framed.finish()
    }

    /// The compressed flag and the big-endian length of what is written, in front of it.
    private static func putPrefix(flag: UInt8, to encoder: inout BinaryEncoder) {
        encoder.putFixed32(UInt32(encoder.count).byteSwapped)
        encoder.putByte(flag)
    }
}

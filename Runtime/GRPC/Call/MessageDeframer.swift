import SwiftProto

/// Splits a stream of DATA bytes into gRPC messages: a compressed-flag byte, a 4-byte
/// big-endian length, then the message.
struct MessageDeframer {
    private var buffer: [UInt8] = []
    private var readIndex = 0
    let maxMessageSize: Int

    init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// Bytes received but not yet part of a complete message.
    var bufferedCount: Int { buffer.count - readIndex }

    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if readIndex > 0 && readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete message, nil when more bytes are needed; throws for a message over
    /// the limit or a bad flag. A compressed message is decompressed with `encoding`, the
    /// peer's `grpc-encoding`; without one it is an error, as the spec says.
    mutating func next(encoding: CompressionAlgorithm?) throws -> ReceivedMessage? {
        guard bufferedCount >= 5 else { return nil }
        let flag = buffer[readIndex]
        let length = Int(buffer[readIndex + 1]) << 24 | Int(buffer[readIndex + 2]) << 16
            | Int(buffer[readIndex + 3]) << 8 | Int(buffer[readIndex + 4])
        guard flag <= 1 else {
            throw RPCError(code: .internalError, message: "invalid message flag \(flag)")
        }
        if flag == 1 && encoding == nil {
            throw RPCError(code: .internalError, message: "compressed message received but no grpc-encoding was negotiated")
        }
        guard length <= maxMessageSize else {
            throw RPCError(code: .resourceExhausted,
                           message: "message of \(length) bytes is larger than the limit of \(maxMessageSize) bytes")
        }
        guard bufferedCount >= 5 + length else { return nil }
        let start = readIndex + 5
        let message = Array(buffer[start..<(start + length)])
        readIndex = start + length
        if readIndex == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 65536)
            readIndex = 0
        } else if readIndex > 65536 {
            buffer.removeFirst(readIndex)
            readIndex = 0
        }
        if flag == 1, let encoding {
            return ReceivedMessage(bytes: try encoding.decompress(message, limit: maxMessageSize), compressed: true)
        }
        return ReceivedMessage(bytes: message, compressed: false)
    }
}

/// A message as received: its (decompressed) bytes and whether it travelled compressed.
struct ReceivedMessage: Sendable {
    let bytes: [UInt8]
    let compressed: Bool
}

/// Serializes a message straight into a gRPC frame: the back-to-front encoder writes the message,
/// then its 5-byte prefix in front of it, with no copy in between.
enum MessageFramer {
    static func frame<M: Message>(_ message: M, compression: CompressionAlgorithm? = nil) throws -> [UInt8] {
        guard message.isInitialized else {
            throw RPCError(code: .internalError, message: "\(M.protoMessageName) is missing required fields")
        }
        var encoder = BinaryEncoder()
        message.encodeMessage(to: &encoder)
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

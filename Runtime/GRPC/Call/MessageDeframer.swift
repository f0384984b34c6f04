import SwiftProto

/// Splits a stream of DATA bytes into gRPC messages: a compressed-flag byte, a 4-byte
/// big-endian length, then the message. Each message's bytes are copied once, straight from
/// the received chunk into an array of its final size.
struct MessageDeframer {
    private var header: [UInt8] = []
    private var body: [UInt8] = []
    /// Length of the message being assembled; nil while its header is incomplete.
    private var expected: Int?
    private var flag: UInt8 = 0
    let maxMessageSize: Int

    init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
        header.reserveCapacity(5)
    }

    /// Bytes received that are not yet part of a complete message.
    var bufferedCount: Int { header.count + body.count }

    /// Consumes `bytes`, calling `deliver` for each message it completes. Throws for a message
    /// over the limit or a bad flag. A compressed message is decompressed with `encoding`, the
    /// peer's `grpc-encoding`; without one it is an error, as the spec says.
    mutating func feed(_ raw: UnsafeRawBufferPointer, encoding: CompressionAlgorithm?,
                       _ deliver: (ReceivedMessage) -> Void) throws {
        // Typed, so that appending a range is one memcpy rather than a loop over bytes.
        let bytes = raw.bindMemory(to: UInt8.self)
        var offset = 0
        while offset < bytes.count {
            guard let length = expected else {
                let take = min(5 - header.count, bytes.count - offset)
                header.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + take)]))
                offset += take
                if header.count == 5 { try beginMessage(encoding: encoding) }
                if expected == 0 { try finishMessage(encoding: encoding, deliver) }
                continue
            }
            let take = min(length - body.count, bytes.count - offset)
            body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[offset..<(offset + take)]))
            offset += take
            if body.count == length { try finishMessage(encoding: encoding, deliver) }
        }
    }

    private mutating func beginMessage(encoding: CompressionAlgorithm?) throws {
        flag = header[0]
        let length = Int(header[1]) << 24 | Int(header[2]) << 16 | Int(header[3]) << 8 | Int(header[4])
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
        expected = length
        body = []
        body.reserveCapacity(length)
    }

    private mutating func finishMessage(encoding: CompressionAlgorithm?, _ deliver: (ReceivedMessage) -> Void) throws {
        let message = body
        body = []
        header.removeAll(keepingCapacity: true)
        expected = nil
        if flag == 1, let encoding {
            deliver(ReceivedMessage(bytes: try encoding.decompress(message, limit: maxMessageSize), compressed: true))
        } else {
            deliver(ReceivedMessage(bytes: message, compressed: false))
        }
    }
}

/// A message as received: its (decompressed) bytes and whether it travelled compressed.
struct ReceivedMessage: Sendable {
    let bytes: [UInt8]
    let compressed: Bool
}

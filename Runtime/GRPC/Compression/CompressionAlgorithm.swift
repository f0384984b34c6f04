import CZlib

/// Message compression gRPC negotiates with `grpc-encoding` / `grpc-accept-encoding`.
public enum CompressionAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// gzip (RFC 1952), what most gRPC implementations offer.
    case gzip
    /// gRPC's `deflate`: the zlib format (RFC 1950), not raw deflate.
    case deflate

    /// What this implementation accepts, as sent in `grpc-accept-encoding`.
    static let acceptHeader = "identity,deflate,gzip"

    /// The algorithm a `grpc-encoding` value names; nil for identity.
    /// Throws UNIMPLEMENTED for one we do not support, listing those we do, as the spec asks.
    static func from(header value: String?) throws -> CompressionAlgorithm? {
        guard let value, value != "identity" else { return nil }
        guard let algorithm = CompressionAlgorithm(rawValue: value) else {
            throw RPCError(code: .unimplemented, message: "message encoding '\(value)' is not supported (supported: \(acceptHeader))")
        }
        return algorithm
    }

    /// The algorithms a peer's `grpc-accept-encoding` lists.
    static func accepted(by header: String?) -> Set<CompressionAlgorithm> {
        guard let header else { return [] }
        return Set(header.split(separator: ",").compactMap { CompressionAlgorithm(rawValue: String($0.trimmingCharacters(" "))) })
    }

    /// zlib's windowBits: 15 for the zlib format (gRPC's "deflate"), +16 for gzip.
    private var windowBits: Int32 { self == .gzip ? 15 + 16 : 15 }

    func compress(_ input: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard swiftgrpc_deflate_init(&stream, windowBits) == Z_OK else {
            throw RPCError(code: .internalError, message: "\(rawValue): cannot initialise the compressor")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))) + 16)
        let status = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(destination.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw RPCError(code: .internalError, message: "\(rawValue): compression failed (\(status))")
        }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    /// Decompresses, refusing to produce more than `limit` bytes: a small message that inflates
    /// past the limit (a zip bomb) ends in RESOURCE_EXHAUSTED without the memory to hold it.
    func decompress(_ input: [UInt8], limit: Int) throws -> [UInt8] {
        var stream = z_stream()
        guard swiftgrpc_inflate_init(&stream, windowBits) == Z_OK else {
            throw RPCError(code: .internalError, message: "\(rawValue): cannot initialise the decompressor")
        }
        defer { inflateEnd(&stream) }
        var output: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: min(max(limit, 1) + 1, 64 << 10))
        return try input.withUnsafeBytes { source in
            stream.next_in = UnsafeMutablePointer(mutating: source.bindMemory(to: Bytef.self).baseAddress)
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBytes { destination -> (Int32, Int) in
                    stream.next_out = destination.bindMemory(to: Bytef.self).baseAddress
                    stream.avail_out = uInt(destination.count)
                    let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                    return (status, destination.count - Int(stream.avail_out))
                }
                if output.count + produced > limit {
                    throw RPCError(code: .resourceExhausted,
                                   message: "decompressed message is larger than the limit of \(limit) bytes")
                }
                output += chunk[0..<produced]
                switch status {
                case Z_STREAM_END:
                    return output
                case Z_OK:
                    if stream.avail_in == 0 && produced == 0 {
                        throw RPCError(code: .internalError, message: "\(rawValue): compressed message is truncated")
                    }
                case Z_BUF_ERROR where stream.avail_in == 0:
                    throw RPCError(code: .internalError, message: "\(rawValue): compressed message is truncated")
                default:
                    throw RPCError(code: .internalError, message: "\(rawValue): compressed message is corrupt (\(status))")
                }
            }
        }
    }
}

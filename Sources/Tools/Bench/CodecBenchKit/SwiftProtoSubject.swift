import SwiftProto

/// This project's codec on the benchmark messages.
public struct SwiftProtoSubject: CodecSubject {
    public init() {}

    public var impl: String { "swiftgrpc" }

    public func prepare(messageName: String, payloads: [[UInt8]], format: CodecFormat) throws -> PreparedCodec? {
        guard let type = Self.messageType(messageName) else { return nil }
        return try prepared(type, payloads, format)
    }

    static func messageType(_ messageName: String) -> (any SwiftProto.Message.Type)? {
        switch messageName {
        case "benchmarks.proto3.GoogleMessage1": return Benchmarks_Proto3_GoogleMessage1.self
        case "benchmarks.proto2.GoogleMessage1": return Benchmarks_Proto2_GoogleMessage1.self
        case "benchmarks.proto2.GoogleMessage2": return Benchmarks_Proto2_GoogleMessage2.self
        case MessageMix.messageName: return Benchmarks_Mix_MixMessage.self
        default: return nil
        }
    }

    /// Each binary payload as our JSON.
    static func jsonPayloads(messageName: String, _ payloads: [[UInt8]]) throws -> [[UInt8]]? {
        guard let type = messageType(messageName) else { return nil }
        func convert<M: SwiftProto.Message>(_ type: M.Type) throws -> [[UInt8]] {
            try payloads.map { try M(serializedBytes: $0).jsonUTF8Bytes() }
        }
        return try convert(type)
    }

    private func prepared<M: SwiftProto.Message>(_ type: M.Type, _ payloads: [[UInt8]], _ format: CodecFormat) throws -> PreparedCodec {
        switch format {
        case .binary:
            return try PreparedCodec(payloads: payloads, decode: { try M(serializedBytes: $0) }, encode: { try $0.serializedBytes() },
                                     unknownByteCount: { $0.unknownFields.data.count })
        case .json:
            return try PreparedCodec(payloads: payloads, decode: { try M(jsonUTF8Bytes: $0) }, encode: { try $0.jsonUTF8Bytes() },
                                     unknownByteCount: { $0.unknownFields.data.count })
        }
    }
}

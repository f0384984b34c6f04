import CodecBenchKit
import SwiftProtobuf

/// swift-protobuf 1.39 on the same benchmark messages, timed by the same harness.
public struct SwiftProtobufSubject: CodecSubject {
    public init() {}

    public var impl: String { "swift-protobuf" }

    public func prepare(messageName: String, payloads: [[UInt8]], format: CodecFormat) throws -> PreparedCodec? {
        switch messageName {
        case "benchmarks.proto3.GoogleMessage1": return try prepared(Benchmarks_Proto3_GoogleMessage1.self, payloads, format)
        case "benchmarks.proto2.GoogleMessage1": return try prepared(Benchmarks_Proto2_GoogleMessage1.self, payloads, format)
        case "benchmarks.proto2.GoogleMessage2": return try prepared(Benchmarks_Proto2_GoogleMessage2.self, payloads, format)
        case "benchmarks.mix.MixMessage": return try prepared(Benchmarks_Mix_MixMessage.self, payloads, format)
        default: return nil
        }
    }

    private func prepared<M: SwiftProtobuf.Message>(_ type: M.Type, _ payloads: [[UInt8]], _ format: CodecFormat) throws -> PreparedCodec {
        switch format {
        case .binary:
            return try PreparedCodec(payloads: payloads, decode: { try M(serializedBytes: $0) },
                                     encode: { (message: M) -> [UInt8] in try message.serializedBytes() },
                                     unknownByteCount: { $0.unknownFields.data.count })
        case .json:
            return try PreparedCodec(payloads: payloads, decode: { try M(jsonUTF8Bytes: $0) },
                                     encode: { (message: M) -> [UInt8] in try message.jsonUTF8Bytes() },
                                     unknownByteCount: { $0.unknownFields.data.count })
        }
    }
}

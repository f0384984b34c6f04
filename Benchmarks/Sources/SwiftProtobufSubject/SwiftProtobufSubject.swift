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
        if format == .json {
            let messages = try payloads.map { try M(jsonUTF8Bytes: $0) }
            return PreparedCodec(
                payloadCount: payloads.count,
                parse: { index in
                    let message = try M(jsonUTF8Bytes: payloads[index])
                    return message.unknownFields.data.count + 1
                },
                serialize: { index in
                    let bytes: [UInt8] = try messages[index].jsonUTF8Bytes()
                    return bytes.count
                })
        }
        let messages = try payloads.map { try M(serializedBytes: $0) }
        return PreparedCodec(
            payloadCount: payloads.count,
            parse: { index in
                let message = try M(serializedBytes: payloads[index])
                return message.unknownFields.data.count + 1
            },
            serialize: { index in
                let bytes: [UInt8] = try messages[index].serializedBytes()
                return bytes.count
            })
    }
}

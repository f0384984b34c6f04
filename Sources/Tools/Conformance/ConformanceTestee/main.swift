import SwiftProto
import TestMessages

/// Parses the request's payload as `M` and writes it in the requested format.
func respond<M: Message>(_ type: M.Type, to request: Conformance_ConformanceRequest) -> Conformance_ConformanceResponse.OneOf_Result {
    let message: M
    do {
        switch request.payload {
        case .protobufPayload(let bytes)?:
            message = try M(serializedBytes: bytes, extensions: extensions)
        case .jsonPayload(let text)?:
            var options = JSONDecodingOptions()
            options.ignoreUnknownFields = request.testCategory == .jsonIgnoreUnknownParsingTest
            message = try M(jsonString: text, extensions: extensions, options: options)
        case .textPayload(let text)?:
            message = try M(textFormatString: text, extensions: extensions)
        case .jspbPayload?, nil:
            return .skipped("JSPB is Google-internal")
        }
    } catch {
        return .parseError("\(error)")
    }
    do {
        switch request.requestedOutputFormat {
        case .protobuf: return .protobufPayload(try message.serializedBytes())
        case .json: return .jsonPayload(try message.jsonString())
        case .textFormat:
            var options = TextFormatEncodingOptions()
            options.printUnknownFields = request.printUnknownFields
            return .textPayload(message.textFormatString(options: options))
        default: return .skipped("output format \(request.requestedOutputFormat) is not supported")
        }
    } catch {
        return .serializeError("\(error)")
    }
}

func respond(to request: Conformance_ConformanceRequest) -> Conformance_ConformanceResponse.OneOf_Result {
    switch request.messageType {
    case "protobuf_test_messages.proto3.TestAllTypesProto3":
        return respond(ProtobufTestMessages_Proto3_TestAllTypesProto3.self, to: request)
    case "protobuf_test_messages.proto2.TestAllTypesProto2":
        return respond(ProtobufTestMessages_Proto2_TestAllTypesProto2.self, to: request)
    case "conformance.FailureSet":
        return respond(Conformance_FailureSet.self, to: request)
    default:
        return .skipped("message type \(request.messageType) is not supported")
    }
}

/// The proto2 test schema's extensions (extension_int32 and the MessageSet extensions).
let extensions = ProtobufTestMessages_Proto2_TestMessagesProto2_Extensions

// Any fields in the tests hold these.
Google_Protobuf_Any.register(messageType: ProtobufTestMessages_Proto3_TestAllTypesProto3.self)
Google_Protobuf_Any.register(messageType: ProtobufTestMessages_Proto2_TestAllTypesProto2.self)

/// protobuf's conformance protocol: a framed ConformanceRequest on stdin, a framed
/// ConformanceResponse on stdout, until EOF.
while let body = StdioFrames.read() {
    var response = Conformance_ConformanceResponse()
    do {
        let request = try Conformance_ConformanceRequest(serializedBytes: body)
        response.result = respond(to: request)
    } catch {
        response.result = .runtimeError("could not parse ConformanceRequest: \(error)")
    }
    StdioFrames.write((try? response.serializedBytes()) ?? [])
}

import SwiftProto
import TestMessages

func roundTrip<M: Message>(_ type: M.Type, _ payload: [UInt8]) -> Conformance_ConformanceResponse.OneOf_Result {
    let message: M
    do {
        message = try M(serializedBytes: payload)
    } catch {
        return .parseError("\(error)")
    }
    do {
        return .protobufPayload(try message.serializedBytes())
    } catch {
        return .serializeError("\(error)")
    }
}

func respond(to request: Conformance_ConformanceRequest) -> Conformance_ConformanceResponse.OneOf_Result {
    guard case .protobufPayload(let payload)? = request.payload else {
        return .skipped("only binary input is supported so far")
    }
    guard request.requestedOutputFormat == .protobuf else {
        return .skipped("only binary output is supported so far")
    }
    switch request.messageType {
    case "protobuf_test_messages.proto3.TestAllTypesProto3":
        return roundTrip(ProtobufTestMessages_Proto3_TestAllTypesProto3.self, payload)
    case "protobuf_test_messages.proto2.TestAllTypesProto2":
        return roundTrip(ProtobufTestMessages_Proto2_TestAllTypesProto2.self, payload)
    case "conformance.FailureSet":
        return roundTrip(Conformance_FailureSet.self, payload)
    default:
        return .skipped("message type \(request.messageType) is not supported")
    }
}

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

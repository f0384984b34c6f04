import SwiftProto
import TestMessages

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// protobuf's conformance protocol: a 4-byte little-endian length and a ConformanceRequest on
/// stdin, the same framing for the ConformanceResponse on stdout, until EOF.
func readExactly(_ count: Int) -> [UInt8]? {
    var buffer = [UInt8](repeating: 0, count: count)
    var filled = 0
    while filled < count {
        let n = buffer[filled...].withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
        if n == 0 { return nil }
        if n < 0 {
            if errno == EINTR { continue }
            return nil
        }
        filled += n
    }
    return buffer
}

func writeAll(_ bytes: [UInt8]) {
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            exit(1)
        }
        written += n
    }
}

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

while let header = readExactly(4) {
    let length = Int(header[0]) | Int(header[1]) << 8 | Int(header[2]) << 16 | Int(header[3]) << 24
    guard let body = readExactly(length) else { break }
    var response = Conformance_ConformanceResponse()
    do {
        let request = try Conformance_ConformanceRequest(serializedBytes: body)
        response.result = respond(to: request)
    } catch {
        response.result = .runtimeError("could not parse ConformanceRequest: \(error)")
    }
    let bytes = (try? response.serializedBytes()) ?? []
    let size = UInt32(bytes.count)
    writeAll([UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 24)] + bytes)
}

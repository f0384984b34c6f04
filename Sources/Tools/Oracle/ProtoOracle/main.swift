import SwiftProto
import TestMessages

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The Swift side of the Python oracle tests (Tests/Python/test_oracle.py).
///
///     proto-oracle random TYPE SEED COUNT        writes COUNT framed (binary, text format) pairs
///     proto-oracle random-json TYPE SEED COUNT   writes COUNT framed (binary, JSON) pairs
///     proto-oracle check TYPE SEED COUNT         reads COUNT framed binary encodings, compares them
///                                                with the same random messages; prints "ok" or the
///                                                first mismatch
///     proto-oracle check-json TYPE SEED COUNT    the same for JSON encodings
///     proto-oracle roundtrip TYPE                reads framed binary encodings until EOF, writes each
///                                                one decoded and re-encoded (or "E" and the error)
///     proto-oracle roundtrip-json TYPE           the same for JSON
///     proto-oracle descriptor TYPE               writes the serialized FileDescriptorProto of the
///                                                type's file, as its generated code carries it
///
/// Frames are a 4-byte little-endian length and the bytes.
struct Oracle<M: Message & RandomValue> {
    /// The extensions the type's file declares, for every decoder.
    var extensions: (any ExtensionMap)?

    func messages(seed: UInt64, count: Int) -> [M] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in M.random(&random, depth: 0) }
    }

    func random(seed: UInt64, count: Int, json: Bool) throws {
        for message in messages(seed: seed, count: count) {
            StdioFrames.write(try message.serializedBytes(partial: true))
            StdioFrames.write(json ? try message.jsonUTF8Bytes() : Array(message.textFormatString().utf8))
        }
    }

    func check(seed: UInt64, count: Int, json: Bool) throws {
        for (index, expected) in messages(seed: seed, count: count).enumerated() {
            guard let bytes = StdioFrames.read() else { fail("input ended after \(index) messages") }
            let decoded = try json ? M(jsonUTF8Bytes: bytes, extensions: extensions)
                : M(serializedBytes: bytes, extensions: extensions, partial: true)
            if decoded != expected {
                fail("message \(index) differs:\n--- expected\n\(expected.textFormatString())--- decoded\n\(decoded.textFormatString())")
            }
        }
        print("ok")
    }

    func roundTrip(json: Bool) {
        while let bytes = StdioFrames.read() {
            do {
                let answer = json ? try M(jsonUTF8Bytes: bytes, extensions: extensions).jsonUTF8Bytes()
                    : try M(serializedBytes: bytes, extensions: extensions, partial: true).serializedBytes(partial: true)
                StdioFrames.write([UInt8(ascii: "K")] + answer)
            } catch {
                StdioFrames.write([UInt8(ascii: "E")] + Array("\(error)".utf8))
            }
        }
    }
}

func fail(_ reason: String) -> Never {
    let line = Array((reason + "\n").utf8)
    _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    exit(1)
}

func run<M: Message & RandomValue>(_ type: M.Type, _ arguments: [String], extensions: (any ExtensionMap)? = nil) throws {
    let oracle = Oracle<M>(extensions: extensions)
    let command = arguments.first ?? ""
    let json = command.hasSuffix("-json")
    switch json ? String(command.dropLast(5)) : command {
    case "random" where arguments.count == 3:
        try oracle.random(seed: UInt64(arguments[1])!, count: Int(arguments[2])!, json: json)
    case "check" where arguments.count == 3:
        try oracle.check(seed: UInt64(arguments[1])!, count: Int(arguments[2])!, json: json)
    case "roundtrip":
        oracle.roundTrip(json: json)
    case "descriptor":
        StdioFrames.write(M.fileDescriptor?.serializedFileDescriptorProto ?? [])
    default:
        fail("usage: proto-oracle random[-json]|check[-json] TYPE SEED COUNT, or proto-oracle roundtrip[-json] TYPE")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count >= 2 else { fail("usage: proto-oracle random|check|roundtrip TYPE [SEED COUNT]") }
let rest = [arguments[0]] + arguments.dropFirst(2)
do {
    switch arguments[1] {
    case "protobuf_test_messages.proto3.TestAllTypesProto3": try run(ProtobufTestMessages_Proto3_TestAllTypesProto3.self, rest)
    case "protobuf_test_messages.proto2.TestAllTypesProto2": try run(ProtobufTestMessages_Proto2_TestAllTypesProto2.self, rest)
    case "swiftgrpc.test.Everything3": try run(Swiftgrpc_Test_Everything3.self, rest)
    case "swiftgrpc.test.Everything2": try run(P2Everything2.self, rest)
    case "swiftgrpc.test.imported.Nothing": try run(Swiftgrpc_Test_Imported_Nothing.self, rest)
    case "swiftgrpc.test.imported.ImportedMessage": try run(Swiftgrpc_Test_Imported_ImportedMessage.self, rest)
    case "swiftgrpc.test.editions.Everything":
        try run(Swiftgrpc_Test_Editions_Everything.self, rest, extensions: Swiftgrpc_Test_Editions_Editions2023_Extensions)
    case "swiftgrpc.test.editions2024.Sample": try run(Swiftgrpc_Test_Editions2024_Sample.self, rest)
    default: fail("unknown message type \(arguments[1])")
    }
} catch {
    fail("\(error)")
}

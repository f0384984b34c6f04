import Foundation
import SwiftProto
@testable import SwiftGRPCGenerator

/// Runs the real protoc, which the tests use to turn .proto files into descriptors.
enum Protoc {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let systemInclude = "/usr/include"
    /// The descriptor.proto of grpcio-tools' newer protoc (with editions).
    static let newInclude: String = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import grpc_tools, os; print(os.path.dirname(grpc_tools.__file__) + '/_proto')"]
        let output = Pipe()
        process.standardOutput = output
        try? process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }()

    struct Result {
        let status: Int32
        let stderr: String
    }

    /// Debian's protoc, or with `newProtoc` the one of grpcio-tools (editions).
    @discardableResult
    static func run(_ arguments: [String], newProtoc: Bool = false) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = (newProtoc ? ["python3", "-m", "grpc_tools.protoc"] : ["protoc"]) + arguments
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    /// The request protoc would send the plugin for `files`.
    static func request(includes: [String], files: [String], parameter: String = "", newProtoc: Bool = false) throws
        -> Google_Protobuf_Compiler_CodeGeneratorRequest
    {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("descriptors-\(UUID()).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(includes.map { "-I" + $0 } + ["--include_imports", "--include_source_info",
                                                           "--descriptor_set_out=" + output.path] + files, newProtoc: newProtoc)
        precondition(result.status == 0, result.stderr)
        let bytes = [UInt8](try Data(contentsOf: output))
        let set = try Google_Protobuf_FileDescriptorSet(serializedBytes: bytes)
        return .with {
            $0.fileToGenerate = files
            $0.parameter = parameter
            $0.protoFile = set.file
        }
    }

    static func committed(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

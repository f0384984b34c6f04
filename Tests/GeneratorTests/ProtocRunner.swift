import Foundation
import SwiftProto
@testable import SwiftGRPCGenerator

/// Runs the real protoc, which the tests use to turn .proto files into descriptors.
enum Protoc {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let systemInclude = "/usr/include"

    struct Result {
        let status: Int32
        let stderr: String
    }

    @discardableResult
    static func run(_ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["protoc"] + arguments
        process.currentDirectoryURL = root
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stderr: String(decoding: data, as: UTF8.self))
    }

    /// The request protoc would send the plugin for `files`.
    static func request(includes: [String], files: [String], parameter: String = "") throws
        -> Google_Protobuf_Compiler_CodeGeneratorRequest
    {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("descriptors-\(UUID()).pb")
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try run(includes.map { "-I" + $0 } + ["--include_imports", "--include_source_info",
                                                           "--descriptor_set_out=" + output.path] + files)
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

import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

@Suite struct PluginBehaviourTests {
    func respond(_ request: Google_Protobuf_Compiler_CodeGeneratorRequest) throws -> Google_Protobuf_Compiler_CodeGeneratorResponse {
        try Google_Protobuf_Compiler_CodeGeneratorResponse(serializedBytes: Generator.respond(to: try request.serializedBytes()))
    }

    @Test func advertisesProto3Optional() throws {
        let response = try respond(try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"]))
        #expect(response.supportedFeatures & 1 == 1)
        #expect(!response.hasError)
    }

    @Test(arguments: [
        ("FileNaming=FullPath", "testdata/golden.pb.swift"),
        ("FileNaming=PathToUnderscores", "testdata_golden.pb.swift"),
        ("FileNaming=DropPath", "golden.pb.swift"),
    ])
    func fileNaming(parameter: String, expected: String) throws {
        let response = try respond(try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"], parameter: parameter))
        #expect(response.file.map(\.name) == [expected])
    }

    @Test(arguments: [("Visibility=Public", "public struct Golden_V1_Greeting"),
                      ("Visibility=Package", "package struct Golden_V1_Greeting"),
                      ("Visibility=Internal", "\nstruct Golden_V1_Greeting")])
    func visibility(parameter: String, declaration: String) throws {
        let response = try respond(try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"], parameter: parameter))
        #expect(response.file.first?.content.contains(declaration) == true)
    }

    @Test(arguments: [("Visibility=Secret", "'Secret'"), ("FileNaming=Flat", "'Flat'"), ("Colour=Blue", "'Colour'"),
                      ("Visibility", "'Visibility'")])
    func badParametersAreErrorsNamingTheParameter(parameter: String, named: String) throws {
        let response = try respond(try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"], parameter: parameter))
        #expect(response.hasError)
        #expect(response.error.contains(named))
        #expect(response.file.isEmpty)
    }

    @Test func unresolvedTypeNamesFileAndField() throws {
        var request = try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"])
        request.protoFile[0].messageType[0].field[0].type = .message
        request.protoFile[0].messageType[0].field[0].typeName = ".golden.v1.Missing"
        let response = try respond(request)
        #expect(response.error == "testdata/golden.proto: golden.v1.Greeting.name: unknown message type .golden.v1.Missing")
    }

    @Test func garbageRequestIsAnErrorNotACrash() throws {
        let response = try Google_Protobuf_Compiler_CodeGeneratorResponse(serializedBytes: Generator.respond(to: [0xFF, 0xFF, 0x03]))
        #expect(response.error.contains("protobuf decoding failed"))
    }

    @Test func protocRunsThePluginAndReportsErrors() throws {
        let plugin = Protoc.root.appendingPathComponent(".build/debug/protoc-gen-swiftgrpc").path
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("plugin-out-\(UUID())")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: output) }
        let ok = try Protoc.run(["--plugin=protoc-gen-swiftgrpc=" + plugin, "-Iprotos", "--swiftgrpc_out=" + output.path,
                                 "testdata/golden.proto"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("testdata/golden.pb.swift").path))
        let bad = try Protoc.run(["--plugin=protoc-gen-swiftgrpc=" + plugin, "-Iprotos", "--swiftgrpc_out=Colour=Blue:" + output.path,
                                  "testdata/golden.proto"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("unknown parameter 'Colour'"))
    }
}

import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

/// ProtoPathModuleMappings: an imported file generated into another module brings `import`
/// of that module, in the messages file and the services file, and its descriptor constant is
/// named through the module.
@Suite struct ModuleMappingsTests {
    func mappingFile(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mappings-\(UUID()).asciipb")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// testdata/everything_proto3.proto imports testdata/imported.proto.
    func generate(mappings: String, files: [String] = ["testdata/everything_proto3.proto"]) throws
        -> Google_Protobuf_Compiler_CodeGeneratorResponse
    {
        let path = try mappingFile(mappings)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let request = try Protoc.request(includes: ["protos"], files: files, parameter: "ProtoPathModuleMappings=\(path)")
        return try Google_Protobuf_Compiler_CodeGeneratorResponse(serializedBytes: Generator.respond(to: try request.serializedBytes()))
    }

    @Test func importedFileOfAnotherModuleIsImportedAndLinked() throws {
        let response = try generate(mappings: """
            # the module that holds imported.proto's code
            mapping { module_name: "ImportedTypes" proto_file_path: "testdata/imported.proto" }
            mapping { module_name: "Unused" proto_file_path: "other.proto" }
            """)
        #expect(!response.hasError, "\(response.error)")
        let source = try #require(response.file.first?.content)
        #expect(source.contains("import SwiftProto\nimport ImportedTypes\n"))
        #expect(!source.contains("import Unused"))
        #expect(source.contains("dependencies: [ImportedTypes.Swiftgrpc_Test_Imported_Imported_FileDescriptor]"))
    }

    @Test func filesOfTheSameRunAreNotImported() throws {
        let response = try generate(mappings: #"mapping { module_name: "ImportedTypes" proto_file_path: "testdata/imported.proto" }"#,
                                    files: ["testdata/imported.proto", "testdata/everything_proto3.proto"])
        #expect(!response.hasError, "\(response.error)")
        #expect(response.file.allSatisfy { !$0.content.contains("import ImportedTypes") })
    }

    @Test func servicesFileImportsTheModulesOfItsMessages() throws {
        // grpc/testing/test.proto declares services over the messages of two imported files.
        let response = try generate(mappings: """
            mapping { module_name: "TestingMessages" proto_file_path: "grpc/testing/messages.proto" proto_file_path: "grpc/testing/empty.proto" }
            """, files: ["grpc/testing/test.proto"])
        #expect(!response.hasError, "\(response.error)")
        let services = try #require(response.file.first { $0.name.hasSuffix(".grpc.swift") }?.content)
        #expect(services.contains("import SwiftGRPC\nimport SwiftProto\nimport TestingMessages\n"))
        let messages = try #require(response.file.first { $0.name.hasSuffix(".pb.swift") }?.content)
        #expect(messages.contains("import TestingMessages\n"))
    }

    @Test func withoutServicesTheServiceFileIsEmittedOnlyWhenAsked() throws {
        let plain = try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"], parameter: "")
        #expect(try Generator.generate(plain).map(\.name) == ["testdata/golden.pb.swift"])
        let always = try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"], parameter: "AlwaysEmitServiceFile=true")
        let files = try Generator.generate(always)
        #expect(files.map(\.name) == ["testdata/golden.pb.swift", "testdata/golden.grpc.swift"])
        // No import of SwiftGRPC: a messages-only target compiles it without depending on it.
        #expect(files.last?.content.contains("import") == false)
        #expect(files.last?.content.contains("declares no services") == true)
    }

    @Test(arguments: [
        ("mapping { module_name: \"A\" proto_file_path: \"x.proto\" }\nmapping { module_name: \"B\" proto_file_path: \"x.proto\" }",
         "x.proto is mapped to both A and B"),
        ("mapping { proto_file_path: \"x.proto\" }", "mapping 1 has no module_name"),
        ("mapping { module_name: \"A\" proto_path: \"x.proto\" }", "proto_path"),
    ])
    func badMappingsAreErrorsNamingTheProblem(text: String, expected: String) throws {
        let response = try generate(mappings: text)
        #expect(response.error.contains("ProtoPathModuleMappings file"), "\(response.error)")
        #expect(response.error.contains(expected), "\(response.error)")
        #expect(response.file.isEmpty)
    }

    @Test func missingMappingFileIsAnErrorNamingIt() throws {
        let request = try Protoc.request(includes: ["protos"], files: ["testdata/golden.proto"],
                                         parameter: "ProtoPathModuleMappings=/nonexistent/mappings.asciipb")
        let response = try Google_Protobuf_Compiler_CodeGeneratorResponse(serializedBytes: Generator.respond(to: try request.serializedBytes()))
        #expect(response.error.contains("cannot read the ProtoPathModuleMappings file /nonexistent/mappings.asciipb: No such file or directory"))
    }
}

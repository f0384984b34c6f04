import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

/// The committed generated code equals what the plugin generates now.
@Suite struct GoldenTests {
    func generate(includes: [String], files: [String], parameter: String, newProtoc: Bool = false) throws -> [String: String] {
        let request = try Protoc.request(includes: includes, files: files, parameter: parameter, newProtoc: newProtoc)
        let files = try Generator.generate(request)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.content) })
    }

    @Test func smallProtoMatchesGolden() throws {
        let generated = try generate(includes: ["protos"], files: ["testdata/golden.proto"],
                                     parameter: "FileNaming=DropPath,Visibility=Public")
        #expect(generated["golden.pb.swift"] == (try Protoc.committed("Sources/TestSupport/TestMessages/Generated/golden.pb.swift")))
    }

    @Test func pluginDescriptorTypesAreAFreshGeneration() throws {
        let generated = try generate(includes: [Protoc.newInclude],
                                     files: ["google/protobuf/descriptor.proto", "google/protobuf/compiler/plugin.proto"],
                                     parameter: "Visibility=Public,FileNaming=DropPath", newProtoc: true)
        #expect(generated["descriptor.pb.swift"] == (try Protoc.committed("Plugin/Generator/Descriptors/descriptor.pb.swift")))
        #expect(generated["plugin.pb.swift"] == (try Protoc.committed("Plugin/Generator/Descriptors/plugin.pb.swift")))
    }

    @Test func generationIsDeterministic() throws {
        let first = try generate(includes: ["protos"], files: ["testdata/everything_proto3.proto", "testdata/everything_proto2.proto"],
                                 parameter: "")
        let second = try generate(includes: ["protos"], files: ["testdata/everything_proto3.proto", "testdata/everything_proto2.proto"],
                                  parameter: "")
        #expect(first == second)
        #expect(first.keys.sorted() == ["testdata/everything_proto2.pb.swift", "testdata/everything_proto3.pb.swift"])
    }
}

@Suite struct ServiceGenerationTests {
    @Test func serviceFileMatchesTheCommittedOne() throws {
        let request = try Protoc.request(includes: ["protos"], files: ["testdata/echo.proto"], parameter: "FileNaming=DropPath,Visibility=Public")
        let files = Dictionary(uniqueKeysWithValues: try Generator.generate(request).map { ($0.name, $0.content) })
        #expect(files["echo.grpc.swift"] == (try Protoc.committed("Sources/TestSupport/TestServices/Generated/echo.grpc.swift")))
        #expect(files["echo.pb.swift"] == (try Protoc.committed("Sources/TestSupport/TestServices/Generated/echo.pb.swift")))
    }

    @Test func serverAndClientParameters() throws {
        func service(_ parameter: String) throws -> String? {
            let request = try Protoc.request(includes: ["protos"], files: ["testdata/echo.proto"], parameter: parameter)
            return try Generator.generate(request).first { $0.name.hasSuffix(".grpc.swift") }?.content
        }
        let both = try service("")
        #expect(both?.contains("protocol SimpleServiceProtocol") == true && both?.contains("struct Client") == true)
        let clientOnly = try service("Server=false")
        #expect(clientOnly?.contains("protocol SimpleServiceProtocol") == false && clientOnly?.contains("struct Client") == true)
        let serverOnly = try service("Client=false")
        #expect(serverOnly?.contains("protocol SimpleServiceProtocol") == true && serverOnly?.contains("struct Client") == false)
        #expect(try service("Server=false,Client=false") == nil)
    }
}

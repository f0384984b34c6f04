import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

/// The committed generated code equals what the plugin generates now.
@Suite struct GoldenTests {
    func generate(includes: [String], files: [String], parameter: String) throws -> [String: String] {
        let request = try Protoc.request(includes: includes, files: files, parameter: parameter)
        let files = try Generator.generate(request)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.content) })
    }

    @Test func smallProtoMatchesGolden() throws {
        let generated = try generate(includes: ["protos"], files: ["testdata/golden.proto"],
                                     parameter: "FileNaming=DropPath,Visibility=Public")
        #expect(generated["golden.pb.swift"] == (try Protoc.committed("Sources/TestMessages/Generated/golden.pb.swift")))
    }

    @Test func pluginDescriptorTypesAreAFreshGeneration() throws {
        let generated = try generate(includes: [Protoc.systemInclude],
                                     files: ["google/protobuf/descriptor.proto", "google/protobuf/compiler/plugin.proto"],
                                     parameter: "Visibility=Public,FileNaming=DropPath")
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

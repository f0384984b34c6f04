import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

/// Generated code for names Swift reserves and for deprecated declarations compiles, without
/// warnings, and what it declares is spelled as the Namer and the deprecation rules say.
@Suite struct GeneratedCodeCompilesTests {
    func generate(_ files: [String]) throws -> [String: String] {
        let request = try Protoc.request(includes: ["protos"], files: files, parameter: "FileNaming=DropPath")
        return Dictionary(uniqueKeysWithValues: try Generator.generate(request).map { ($0.name, $0.content) })
    }

    static let names = ["testdata/swift_names.proto", "testdata/swift_names_package.proto"]
    static let deprecations = ["testdata/deprecations.proto", "testdata/deprecations_proto2.proto"]
    static let deprecated = "@available(*, deprecated, message: \"deprecated in the .proto file\")\n"

    @Test func reservedNamesCompile() throws {
        let result = try SwiftTypechecker.typecheck(try generate(Self.names), warningsAsErrors: true)
        #expect(result.status == 0, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func reservedNamesAreEscaped() throws {
        let services = try #require(try generate(Self.names)["swift_names.grpc.swift"])
        for declaration in ["enum ProtocolService {", "enum TypeService {", "enum SelfService {"] {
            #expect(services.contains("\n" + declaration), "\(declaration)")
        }
        for path in ["static let `init` = \"/Protocol/init\"", "static let `self` = \"/Protocol/self\"",
                     "static let type = \"/Protocol/Type\"", "static let `protocol` = \"/Protocol/Protocol\"",
                     "static let `class` = \"/Protocol/class\"", "static let method = \"/Protocol/Method\"",
                     "static let get = \"/Protocol/Get\"", "static let get_12 = \"/Protocol/get\""] {
            #expect(services.contains(path), "\(path)")
        }
        #expect(services.contains("func `self`(_ request: Request, "))
        #expect(services.contains("try await self.`init`(request: request, context: context)"))
        let packaged = try #require(try generate(Self.names)["swift_names_package.grpc.swift"])
        #expect(packaged.contains("\nenum Protocol_Self_class {"))
        #expect(packaged.contains("\nenum Protocol_Self_EchoService {"))
        #expect(packaged.contains("static let `if` = \"/protocol.self.class/if\""))
    }

    @Test func deprecatedCodeCompilesWithoutWarnings() throws {
        let result = try SwiftTypechecker.typecheck(try generate(Self.deprecations), warningsAsErrors: true)
        #expect(result.status == 0, "\(result.diagnostics)")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func deprecatedDeclarationsAreMarked() throws {
        let files = try generate(Self.deprecations)
        let messages = try #require(files["deprecations.pb.swift"])
        for declaration in ["struct Deprecations_OldRequest: Sendable {", "enum Deprecations_OldKind: SwiftProto.Enum {",
                            "    case unspecified // = 0", "    case crimson // = 2",
                            "    static let blood = Deprecations_Colour.crimson",
                            "        case `some` // = 1", "    var oldNumber: Int32 {", "    var oldField: Int32 {",
                            "extension Deprecations_OldRequest: SwiftProto.Message {",
                            "extension Deprecations_OldRequest.Inner: SwiftProto.Message {"] {
            #expect(messages.contains(Self.deprecated + declaration), "\(declaration)")
        }
        #expect(messages.contains("    case red // = 1\n"))
        #expect(!messages.contains(Self.deprecated + "    static let scarlet"))
        let services = try #require(files["deprecations.grpc.swift"])
        for declaration in ["enum Deprecations_OldService {", "extension Deprecations_OldService.SimpleServiceProtocol {",
                            "        func oldCall(_ request: Deprecations_Request, ", "        func oldExpand(_ request: Deprecations_Request, ",
                            "        func oldCollect(options: ", "        func oldChat(options: "] {
            #expect(services.contains(Self.deprecated + declaration), "\(declaration)")
        }
        #expect(!services.contains(Self.deprecated + "        func call("))
    }

    @Test func callersOfDeprecatedDeclarationsAreWarned() throws {
        var sources = try generate(Self.deprecations)
        sources["caller.swift"] = """
            import SwiftProto

            func call(_ client: Deprecations_Service.Client) async throws {
                _ = Deprecations_OldRequest()
                _ = Deprecations_OldKind.legacy
                _ = Deprecations_Colour.crimson
                _ = Deprecations_Colour.scarlet
                _ = try await client.oldCall(Deprecations_Request())
                _ = try await client.call(Deprecations_Request())
                _ = Deprecations_OldService.serviceName
                var request = Deprecations_Request()
                request.oldNumber = 1
            }
            """
        let result = try SwiftTypechecker.typecheck(sources, warningsAsErrors: false)
        #expect(result.status == 0, "\(result.diagnostics)")
        let warned = result.diagnostics.split(separator: "\n").filter { $0.contains("caller.swift") && $0.contains(": warning: ") }
            .map { $0.split(separator: " ").dropFirst(2).prefix(1).joined() }
        #expect(warned == ["'Deprecations_OldRequest'", "'Deprecations_OldKind'", "'crimson'", "'oldCall(_:options:)'",
                           "'Deprecations_OldService'", "'oldNumber'"], "\(result.diagnostics)")
    }
}

import Foundation
import SwiftProto
import Testing
@testable import SwiftGRPCGenerator

/// BuildPluginConfig / PlannedBuildPluginConfig: swiftgrpc-config.json read on every run.
@Suite struct BuildPluginConfigTests {
    func file(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgrpc-config-\(UUID()).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func settingsOfTheFileOverrideTheParameters() throws {
        let config = try file(#"{"visibility": "Package", "server": false}"#)
        let options = try GeneratorOptions(parameter: "Visibility=Public,Server=true,Client=true,BuildPluginConfig=\(config)")
        #expect(options.visibility == .package)
        #expect(!options.generatesServer && options.generatesClient)
    }

    @Test func absentKeysKeepTheParameters() throws {
        let config = try file("{}")
        let options = try GeneratorOptions(parameter: "Visibility=Public,BuildPluginConfig=\(config)")
        #expect(options.visibility == .public && options.generatesServer && options.generatesClient)
    }

    @Test func aChangeToWhatThePlanWasMadeFromIsAnError() throws {
        let planned = try file(#"{"fileNaming": "PathToUnderscores", "importPaths": ["a"]}"#)
        let same = try file(#"{"importPaths": ["a"], "fileNaming": "PathToUnderscores", "visibility": "Internal"}"#)
        #expect(try GeneratorOptions(parameter: "BuildPluginConfig=\(same),PlannedBuildPluginConfig=\(planned)").visibility == .internal)
        let changed = try file(#"{"fileNaming": "DropPath", "importPaths": ["b"]}"#)
        #expect {
            try GeneratorOptions(parameter: "BuildPluginConfig=\(changed),PlannedBuildPluginConfig=\(planned)")
        } throws: { error in
            "\(error)".contains("fileNaming, importPaths changed since SwiftPM planned this build")
                && "\(error)".contains("touch Package.swift")
        }
    }

    @Test(arguments: [(#"{"visibilty": "Public"}"#, "visibilty"), (#"{"server": "no"}"#, "server"),
                      (#"{"visibility": "Secret"}"#, "'Secret'"), ("{", "swiftgrpc-config")])
    func badFilesAreErrorsNamingTheFileAndKey(text: String, named: String) throws {
        let config = try file(text)
        #expect {
            try GeneratorOptions(parameter: "BuildPluginConfig=\(config)")
        } throws: { error in
            "\(error)".contains(config) && "\(error)".contains(named)
        }
    }
}

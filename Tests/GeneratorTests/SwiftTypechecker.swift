import Foundation

/// `swiftc -typecheck` over generated files, against the SwiftProto and SwiftGRPC modules that
/// this package's build left beside the test binary: golden files show what the plugin writes,
/// this shows that Swift accepts it, for protos whose output is not committed.
enum SwiftTypechecker {
    struct Result {
        let status: Int32
        let diagnostics: String
    }

    static func typecheck(_ sources: [String: String], warningsAsErrors: Bool) throws -> Result {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("typecheck-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var paths: [String] = []
        for (name, content) in sources.sorted(by: { $0.key < $1.key }) {
            let url = directory.appendingPathComponent(name.replacingOccurrences(of: "/", with: "_"))
            try content.write(to: url, atomically: true, encoding: .utf8)
            paths.append(url.path)
        }
        var arguments = ["swiftc", "-typecheck", "-swift-version", "6", "-diagnostic-style", "llvm", "-module-name", "Generated",
                         "-I", try modules()]
        // SwiftGRPC's interface imports the C shims; their module maps sit in the sources.
        arguments += moduleMaps().flatMap { ["-Xcc", "-fmodule-map-file=" + $0] }
        if warningsAsErrors { arguments.append("-warnings-as-errors") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments + paths
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, diagnostics: String(decoding: data, as: UTF8.self))
    }

    struct MissingModules: Error, CustomStringConvertible {
        let searched: [String]
        var description: String { "no SwiftGRPC.swiftmodule in \(searched.joined(separator: ", ")): build the package first" }
    }

    /// The build's module directory: beside the test binary, or the default debug build's.
    private static func modules() throws -> String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("Modules").path,
            Protoc.root.appendingPathComponent(".build/debug/Modules").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0 + "/SwiftGRPC.swiftmodule") }) else {
            throw MissingModules(searched: candidates)
        }
        return found
    }

    private static func moduleMaps() -> [String] {
        let sources = Protoc.root.appendingPathComponent("Sources")
        guard let walk = FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil) else { return [] }
        return walk.compactMap { ($0 as? URL)?.lastPathComponent == "module.modulemap" ? ($0 as? URL)?.path : nil }.sorted()
    }
}

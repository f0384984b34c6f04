import Foundation
import PackagePlugin

/// Generates Swift for every `.proto` under a target's directory at build time: one protoc run
/// per file, so that a changed file regenerates alone (its inputs are the file and what it
/// imports). Protos of the target's dependencies are importable by their path in their own
/// target, and the code generated from them is imported from their module (module mappings).
@main
struct SwiftGRPCPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        let protos = target.sourceFiles(withSuffix: "proto").map(\.url).sorted { $0.path < $1.path }
        guard !protos.isEmpty else { return [] }

        let root = target.directoryURL
        let configuration = try PluginConfiguration.load(targetDirectory: root)
        let protoc = try ProtocLocator.locate(configured: configuration.protocPath,
                                              environment: ProcessInfo.processInfo.environment)
        let generator = try context.tool(named: "protoc-gen-swiftgrpc").url
        let dependencies = ProtoDependencies(of: target)
        let importRoots = [root] + configuration.importPaths.map { root.appending(path: $0).standardizedFileURL }
            + dependencies.modules.map(\.directory)
        let scanner = ProtoImportScanner(importRoots: importRoots)
        try scanner.requireWellKnownTypes(for: protos, protoc: protoc)

        let outputDirectory = context.pluginWorkDirectoryURL.appending(path: "Generated")
        var parameters = configuration.generatorParameters
        var sharedInputs: [URL] = []
        // An input of every command: an edit reruns them (and SwiftPM counts the file as handled).
        if let file = configuration.file {
            let planned = context.pluginWorkDirectoryURL.appending(path: "planned-" + PluginConfiguration.fileName)
            try Self.writeIfChanged(try Data(contentsOf: file), to: planned)
            parameters += ["BuildPluginConfig=\(file.path)", "PlannedBuildPluginConfig=\(planned.path)"]
            sharedInputs.append(file)
        }
        if !dependencies.modules.isEmpty {
            let mappings = context.pluginWorkDirectoryURL.appending(path: "module_mappings.asciipb")
            try Self.writeIfChanged(Data(dependencies.moduleMappingsText.utf8), to: mappings)
            parameters.append("ProtoPathModuleMappings=\(mappings.path)")
            sharedInputs.append(mappings)
        }
        try Self.requireDistinctOutputs(protos.map { try Self.path(of: $0, under: root) }, configuration: configuration)

        return try protos.map { proto in
            let relative = try Self.path(of: proto, under: root)
            // Both always: `server` and `client` are read when the command runs.
            let outputs = [".pb.swift", ".grpc.swift"]
            var arguments = protoc.leadingArguments
            arguments += ["--plugin=protoc-gen-swiftgrpc=\(generator.path)",
                          "--swiftgrpc_out=\(parameters.joined(separator: ",")):\(outputDirectory.path)"]
            arguments += importRoots.map { "--proto_path=\($0.path)" }
            arguments.append(proto.path)
            return .buildCommand(
                displayName: "Generating Swift for \(relative)",
                executable: protoc.executable,
                arguments: arguments,
                inputFiles: [proto] + scanner.localImports(of: proto) + sharedInputs,
                outputFiles: outputs.map {
                    outputDirectory.appending(path: configuration.outputName(forProtoPath: relative, suffix: $0))
                })
        }
    }

    /// Two protos with one output name (DropPath, or a.proto beside a/ with PathToUnderscores)
    /// would otherwise fail later, in SwiftPM, with a message that names neither.
    static func requireDistinctOutputs(_ paths: [String], configuration: PluginConfiguration) throws {
        var byOutput: [String: String] = [:]
        for path in paths {
            let output = configuration.outputName(forProtoPath: path, suffix: ".pb.swift")
            if let other = byOutput[output] {
                throw PluginError("SwiftGRPCPlugin: \(other) and \(path) both generate \(output); choose another fileNaming in \(PluginConfiguration.fileName)")
            }
            byOutput[output] = path
        }
    }

    /// Files that are inputs of every command change only when their content does.
    static func writeIfChanged(_ data: Data, to url: URL) throws {
        if (try? Data(contentsOf: url)) == data { return }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
    }

    static func path(of file: URL, under root: URL) throws -> String {
        let filePath = file.standardizedFileURL.path
        let rootPath = root.standardizedFileURL.path + "/"
        guard filePath.hasPrefix(rootPath) else {
            throw PluginError("\(filePath) is not under the target directory \(rootPath)")
        }
        return String(filePath.dropFirst(rootPath.count))
    }
}

struct PluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

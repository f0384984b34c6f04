import Foundation
import PackagePlugin

/// The targets a target depends on (directly or not) that hold .proto files: each one's
/// directory is an import root, and its files map to its module, so that importing one of them
/// produces `import ThatModule` instead of a second copy of its types.
struct ProtoDependencies {
    struct Module {
        let name: String
        let directory: URL
        /// Paths relative to `directory`, as an importer names them.
        let protoPaths: [String]
    }

    let modules: [Module]

    init(of target: SourceModuleTarget) {
        modules = target.recursiveTargetDependencies.compactMap { dependency in
            guard let source = dependency as? SourceModuleTarget else { return nil }
            let paths = source.sourceFiles(withSuffix: "proto").compactMap {
                try? SwiftGRPCPlugin.path(of: $0.url, under: source.directoryURL)
            }.sorted()
            return paths.isEmpty ? nil : Module(name: source.moduleName, directory: source.directoryURL, protoPaths: paths)
        }
    }

    /// swift-protobuf's module-mappings text format, which protoc-gen-swiftgrpc reads.
    var moduleMappingsText: String {
        var text = "# Written by SwiftGRPCPlugin: which module holds the code generated from each proto.\n"
        for module in modules {
            text += "mapping {\n  module_name: \"\(Self.escaped(module.name))\"\n"
            for path in module.protoPaths { text += "  proto_file_path: \"\(Self.escaped(path))\"\n" }
            text += "}\n"
        }
        return text
    }
}

extension ProtoDependencies {
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}

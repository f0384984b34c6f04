import SwiftProto

/// The `ProtoPathModuleMappings` file (swift-protobuf's format, in text format): which module
/// holds the code generated from a .proto, so that a file importing it gets `import ThatModule`
/// and links to that module's types instead of expecting them in its own.
struct ModuleMappings {
    private var moduleByProto: [String: String] = [:]

    init() {}

    init(contentsOf path: String) throws {
        let text = try TextFile.read(path, describedAs: "the ProtoPathModuleMappings file")
        let parsed: SwiftProtobuf_GenUtils_ModuleMappings
        do {
            parsed = try SwiftProtobuf_GenUtils_ModuleMappings(textFormatString: text)
        } catch {
            throw OptionError("ProtoPathModuleMappings file \(path): \(error)")
        }
        for (index, entry) in parsed.mapping.enumerated() {
            guard !entry.moduleName.isEmpty else {
                throw OptionError("ProtoPathModuleMappings file \(path): mapping \(index + 1) has no module_name")
            }
            for proto in entry.protoFilePath {
                if let existing = moduleByProto[proto], existing != entry.moduleName {
                    throw OptionError("ProtoPathModuleMappings file \(path): \(proto) is mapped to both \(existing) and \(entry.moduleName)")
                }
                moduleByProto[proto] = entry.moduleName
            }
        }
    }

    func module(of protoPath: String) -> String? { moduleByProto[protoPath] }

    /// The modules whose types `file` can name: those of its imports and of what they re-export
    /// with `import public`, transitively. Files of this run are in this module already.
    func modulesToImport(for file: ProtoFile, set: DescriptorSet, generatedFiles: Set<String>) -> [String] {
        var modules: Set<String> = []
        var visited: Set<String> = []
        var pending = file.descriptor.dependency
        while let name = pending.popLast() {
            guard visited.insert(name).inserted else { continue }
            if !generatedFiles.contains(name), let module = moduleByProto[name] { modules.insert(module) }
            if let dependency = set.file(named: name) {
                pending += dependency.descriptor.publicDependency.compactMap { index in
                    let i = Int(index)
                    return dependency.descriptor.dependency.indices.contains(i) ? dependency.descriptor.dependency[i] : nil
                }
            }
        }
        return modules.sorted()
    }
}

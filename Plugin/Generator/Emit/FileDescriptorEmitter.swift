import SwiftProto

/// The file's descriptor for run-time lookups (server reflection, Any): a
/// `GeneratedFileDescriptor` constant holding the FileDescriptorProto as protoc gave it, minus
/// source info (comments and spans, which only tools reading .proto text need).
struct FileDescriptorEmitter {
    let file: ProtoFile
    /// Files of this protoc run: their constants live in the same module.
    let generatedFiles: Set<String>
    /// Files generated into other modules: their constants are named through the module.
    let moduleMappings: ModuleMappings
    let set: DescriptorSet
    let access: String

    /// The files generated into SwiftProto, whose constants every module can name.
    static let runtimeFiles: Set<String> = Set(["any", "api", "duration", "empty", "field_mask", "source_context", "struct",
                                                 "timestamp", "type", "wrappers"].map { "google/protobuf/\($0).proto" })

    static func constantName(_ file: ProtoFile) -> String {
        file.fileScopedName(suffix: "FileDescriptor")
    }

    func emit(_ p: inout CodePrinter) throws {
        var descriptor = file.descriptor
        descriptor.clearSourceCodeInfo()
        let bytes = try descriptor.serializedBytes()
        let dependencies = file.descriptor.dependency.compactMap { name -> String? in
            guard let dependency = set.file(named: name) else { return nil }
            let constant = Self.constantName(dependency)
            if generatedFiles.contains(name) { return constant }
            if let module = moduleMappings.module(of: name) { return module + "." + constant }
            return Self.runtimeFiles.contains(name) ? "SwiftProto." + constant : nil
        }
        p.line("/// \(file.name) as protoc described it, for reflection and `SwiftProto.DescriptorRegistry`.")
        p.line("\(access)let \(Self.constantName(file)) = SwiftProto.GeneratedFileDescriptor(")
        p.indent()
        p.line("name: \(JSONEmitter.literal(file.name)),")
        p.line("dependencies: [\(dependencies.joined(separator: ", "))],")
        let types = file.allMessages.filter { !$0.inDeprecatedScope }.map { "\($0.swiftName).self" }
        let deprecatedTypes = DeprecationEmitter(file: file).messageTypesExpression
        if types.isEmpty {
            p.line("messageTypes: \(deprecatedTypes ?? "[]"),")
        } else {
            p.line("messageTypes: [")
            p.indent()
            for type in types { p.line(type + ",") }
            p.outdent()
            p.line("]\(deprecatedTypes.map { " + " + $0 } ?? ""),")
        }
        p.line("serializedDescriptorBase64: \"\(Base64.encode(bytes))\"")
        p.outdent()
        p.line(")")
        p.line()
    }
}

/// A file's extensions: a constant per extension (`Pkg_Extensions_name` at file level,
/// `Scope.Extensions.name` inside a message), typed accessors on the extended message
/// (`Pkg_name`, `hasPkg_name`, `clearPkg_name()`, as swift-protobuf spells them), and the
/// file's `SimpleExtensionMap`. Extensions of descriptor.proto's option messages (custom
/// options) are left out: those messages are not generated into user modules.
struct ExtensionEmitter {
    let file: ProtoFile
    let access: String

    /// Every extension of the file, file-level ones first, then by message, in declaration order.
    var extensions: [ProtoField] {
        var all = file.extensions
        func collect(_ message: ProtoMessage) {
            all += message.extensions
            message.messages.forEach(collect)
        }
        file.messages.forEach(collect)
        return all.filter { ext in
            guard let extendee = ext.extendee else { return false }
            return extendee.file.name != "google/protobuf/descriptor.proto" || file.name == extendee.file.name
        }
    }

    func emit(_ p: inout CodePrinter) {
        let all = extensions
        guard !all.isEmpty else { return }
        for ext in all where ext.scope == nil {
            p.docComment(ext.comment)
            p.line("\(access)let \(ExtensionEmitter.constantName(ext)) = \(ExtensionEmitter.declaration(ext))")
            p.line()
        }
        var scopes: [ProtoMessage] = []
        for ext in all {
            if let scope = ext.scope, !scopes.contains(where: { $0 === scope }) { scopes.append(scope) }
        }
        for scope in scopes {
            p.block("extension \(scope.swiftName)") { p in
                p.block("\(access)enum \(Namer.scopedExtensionsEnum)") { p in
                    for ext in all where ext.scope === scope {
                        p.docComment(ext.comment)
                        p.line("\(access)static let \(Namer.quoted(ext.protoName)) = \(ExtensionEmitter.declaration(ext))")
                    }
                }
            }
            p.line()
        }
        for ext in all {
            emitAccessors(ext, &p)
        }
        p.line("/// Every extension declared in \(file.name), for the decoders' `extensions:`.")
        p.line("\(access)let \(ExtensionEmitter.mapName(file)): SwiftProto.SimpleExtensionMap = [")
        p.indent()
        for ext in all { p.line(ExtensionEmitter.reference(ext) + ",") }
        p.outdent()
        p.line("]")
        p.line()
    }

    private func emitAccessors(_ ext: ProtoField, _ p: inout CodePrinter) {
        let name = ExtensionEmitter.accessorName(ext)
        let reference = ExtensionEmitter.reference(ext)
        p.block("extension \(ext.extendee!.swiftName)") { p in
            p.docComment(ext.comment)
            p.block("\(access)var \(name): \(ext.swiftType)") { p in
                p.line("get { getExtensionValue(ext: \(reference)) ?? \(ext.defaultValueExpression) }")
                p.line("set { setExtensionValue(ext: \(reference), value: newValue) }")
            }
            if !ext.isRepeated {
                p.line("/// Whether the extension `\(ext.protoName)` is set.")
                p.line("\(access)var \(Namer.hasAccessor(name)): Bool { hasExtensionValue(ext: \(reference)) }")
                p.line("\(access)mutating func \(Namer.clearAccessor(name))() { clearExtensionValue(ext: \(reference)) }")
            }
        }
        p.line()
    }

    static func declaration(_ ext: ProtoField) -> String {
        "SwiftProto.MessageExtension<\(fieldType(ext)), \(ext.extendee!.swiftName)>(fieldNumber: \(ext.number), "
            + "fieldName: \(JSONEmitter.literal(fullName(ext))))"
    }

    static func fieldType(_ ext: ProtoField) -> String {
        switch ext.kind {
        case .message:
            return ext.isRepeated ? "SwiftProto.RepeatedMessageExtensionField<\(ext.swiftBaseType)>"
                : "SwiftProto.OptionalMessageExtensionField<\(ext.swiftBaseType)>"
        case .group:
            return ext.isRepeated ? "SwiftProto.RepeatedGroupExtensionField<\(ext.swiftBaseType)>"
                : "SwiftProto.OptionalGroupExtensionField<\(ext.swiftBaseType)>"
        default:
            if !ext.isRepeated { return "SwiftProto.OptionalExtensionField<\(ext.codec)>" }
            return ext.isPacked ? "SwiftProto.PackedExtensionField<\(ext.codec)>" : "SwiftProto.RepeatedExtensionField<\(ext.codec)>"
        }
    }

    /// `pkg.Scope.name`.
    static func fullName(_ ext: ProtoField) -> String {
        if let scope = ext.scope { return scope.protoName + "." + ext.protoName }
        return ext.file.package.isEmpty ? ext.protoName : ext.file.package + "." + ext.protoName
    }

    static func constantName(_ ext: ProtoField) -> String {
        Namer.extensionConstantName(ext.protoName, typePrefix: ext.file.typePrefix)
    }

    /// How other code names the constant.
    static func reference(_ ext: ProtoField) -> String {
        if let scope = ext.scope { return scope.swiftName + "." + Namer.scopedExtensionsEnum + "." + Namer.quoted(ext.protoName) }
        return constantName(ext)
    }

    /// `Pkg_fieldName` (file level) or `Pkg_Scope_fieldName`.
    static func accessorName(_ ext: ProtoField) -> String {
        let base = ext.isGroupLike ? (ext.messageType?.descriptor.name ?? ext.protoName) : ext.protoName
        return Namer.extensionAccessorName(base, scope: ext.scope?.swiftName, typePrefix: ext.file.typePrefix)
    }

    /// `Pkg_FileName_Extensions`.
    static func mapName(_ file: ProtoFile) -> String {
        file.fileScopedName(suffix: "Extensions")
    }
}

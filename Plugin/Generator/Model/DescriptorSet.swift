/// All files of a CodeGeneratorRequest, with every type reference resolved.
final class DescriptorSet {
    private(set) var files: [ProtoFile] = []
    private var filesByName: [String: ProtoFile] = [:]
    private var messagesByName: [String: ProtoMessage] = [:]
    private var enumsByName: [String: ProtoEnum] = [:]
    private var extensions: [ProtoField] = []

    init(_ descriptors: [Google_Protobuf_FileDescriptorProto]) throws {
        for descriptor in descriptors {
            let file = ProtoFile(descriptor)
            for (index, message) in descriptor.messageType.enumerated() {
                file.messages.append(
                    buildMessage(message, file: file, parent: nil, path: [DescriptorPath.fileMessage, Int32(index)]))
            }
            for (index, enumDescriptor) in descriptor.enumType.enumerated() {
                file.enums.append(
                    registerEnum(enumDescriptor, file: file, parent: nil, path: [DescriptorPath.fileEnum, Int32(index)]))
            }
            for (index, fieldDescriptor) in descriptor.extension.enumerated() {
                let ext = ProtoField(fieldDescriptor, file: file, scope: nil, path: [DescriptorPath.fileExtension, Int32(index)],
                                     parentFeatures: file.features)
                file.extensions.append(ext)
                extensions.append(ext)
            }
            files.append(file)
            filesByName[file.name] = file
        }
        for message in messagesByName.values {
            try resolve(message)
        }
        // Services last: a namespace must not take the name of a file-level message or enum.
        let fileLevelTypes = Set(files.flatMap { $0.messages.map(\.swiftName) + $0.enums.map(\.swiftName) })
        for file in files {
            for (index, service) in file.descriptor.service.enumerated() {
                file.services.append(ProtoService(service, file: file, path: [DescriptorPath.fileService, Int32(index)],
                                                  takenTypeNames: fileLevelTypes))
            }
        }
        for ext in extensions {
            try resolve(ext, in: ext.scope?.protoName ?? ext.file.package)
            guard let extendee = messagesByName[ext.descriptor.extendee] else {
                throw GeneratorError(file: ext.file.name, element: ext.protoName, reason: "unknown extended message \(ext.descriptor.extendee)")
            }
            ext.extendee = extendee
        }
        boxFieldsOnCycles()
        markInitializationChecks()
    }

    func file(named name: String) -> ProtoFile? { filesByName[name] }
    func message(named fullName: String) -> ProtoMessage? { messagesByName[fullName] }

    private func buildMessage(
        _ descriptor: Google_Protobuf_DescriptorProto, file: ProtoFile, parent: ProtoMessage?, path: [Int32]
    ) -> ProtoMessage {
        let message = ProtoMessage(descriptor, file: file, parent: parent, path: path)
        messagesByName[message.fullName] = message
        for (index, nested) in descriptor.nestedType.enumerated() {
            message.messages.append(
                buildMessage(nested, file: file, parent: message, path: path + [DescriptorPath.messageNested, Int32(index)]))
        }
        for (index, enumDescriptor) in descriptor.enumType.enumerated() {
            message.enums.append(
                registerEnum(enumDescriptor, file: file, parent: message, path: path + [DescriptorPath.messageEnum, Int32(index)]))
        }
        for (index, fieldDescriptor) in descriptor.extension.enumerated() {
            let ext = ProtoField(fieldDescriptor, file: file, scope: message, path: path + [DescriptorPath.messageExtension, Int32(index)],
                                 parentFeatures: message.features)
            message.extensions.append(ext)
            extensions.append(ext)
        }
        for (index, oneof) in descriptor.oneofDecl.enumerated() {
            message.oneofs.append(ProtoOneof(protoName: oneof.name, path: path + [DescriptorPath.messageOneof, Int32(index)],
                                             features: message.features.merging(oneof.options.features)))
        }
        for (index, fieldDescriptor) in descriptor.field.enumerated() {
            let oneof = fieldDescriptor.hasOneofIndex && !fieldDescriptor.proto3Optional ? message.oneofs[Int(fieldDescriptor.oneofIndex)] : nil
            let field = ProtoField(fieldDescriptor, file: file, scope: message, path: path + [DescriptorPath.messageField, Int32(index)],
                                   parentFeatures: oneof?.features ?? message.features)
            if let oneof {
                field.oneof = oneof
                oneof.fields.append(field)
            }
            message.fields.append(field)
        }
        // Synthetic oneofs (proto3 optional) have no members left; they become plain optionals.
        message.oneofs.removeAll { $0.fields.isEmpty }
        disambiguateNames(message)
        return message
    }

    private func registerEnum(
        _ descriptor: Google_Protobuf_EnumDescriptorProto, file: ProtoFile, parent: ProtoMessage?, path: [Int32]
    ) -> ProtoEnum {
        let protoEnum = ProtoEnum(descriptor, file: file, parent: parent, path: path)
        enumsByName[protoEnum.fullName] = protoEnum
        return protoEnum
    }

    /// Two fields whose names camel-case alike (`field_name`, `FieldName`) get numbered names.
    private func disambiguateNames(_ message: ProtoMessage) {
        let names = Namer.fieldNames(message.fields.map { ($0.swiftName, $0.number) },
                                     oneofProperties: message.oneofs.map(\.swiftPropertyName))
        for (field, name) in zip(message.fields, names) {
            field.swiftName = name
        }
    }

    private func resolve(_ message: ProtoMessage) throws {
        for field in message.fields {
            try resolve(field, in: message.protoName)
        }
    }

    private func resolve(_ field: ProtoField, in scope: String) throws {
        switch field.kind {
        case .message, .group:
            guard let target = messagesByName[field.descriptor.typeName] else {
                throw GeneratorError(file: field.file.name, element: "\(scope).\(field.protoName)",
                                     reason: "unknown message type \(field.descriptor.typeName)")
            }
            field.messageType = target
        case .enum:
            guard let target = enumsByName[field.descriptor.typeName] else {
                throw GeneratorError(file: field.file.name, element: "\(scope).\(field.protoName)",
                                     reason: "unknown enum type \(field.descriptor.typeName)")
            }
            field.enumType = target
        default:
            break
        }
    }

    /// A struct cannot contain itself, so a singular message field that leads back to its own
    /// message (directly or through others held by value) is stored in copy-on-write `Indirect`.
    /// Fields whose two ends lie in one strongly connected component are exactly those.
    private func boxFieldsOnCycles() {
        let all = messagesByName.values.sorted { $0.fullName < $1.fullName }
        func inlineEdges(_ message: ProtoMessage) -> [(ProtoField, ProtoMessage)] {
            message.fields.compactMap { field in
                guard !field.isRepeated, let target = field.messageType else { return nil }
                return (field, target)
            }
        }
        // Tarjan's algorithm over messages held by value.
        var index: [String: Int] = [:]
        var lowLink: [String: Int] = [:]
        var onStack: Set<String> = []
        var stack: [ProtoMessage] = []
        var component: [String: Int] = [:]
        var counter = 0
        var componentCount = 0
        func connect(_ message: ProtoMessage) {
            index[message.fullName] = counter
            lowLink[message.fullName] = counter
            counter += 1
            stack.append(message)
            onStack.insert(message.fullName)
            for (_, target) in inlineEdges(message) {
                if index[target.fullName] == nil {
                    connect(target)
                    lowLink[message.fullName] = min(lowLink[message.fullName]!, lowLink[target.fullName]!)
                } else if onStack.contains(target.fullName) {
                    lowLink[message.fullName] = min(lowLink[message.fullName]!, index[target.fullName]!)
                }
            }
            if lowLink[message.fullName] == index[message.fullName] {
                while let top = stack.popLast() {
                    onStack.remove(top.fullName)
                    component[top.fullName] = componentCount
                    if top === message { break }
                }
                componentCount += 1
            }
        }
        for message in all where index[message.fullName] == nil {
            connect(message)
        }
        for message in all {
            for (field, target) in inlineEdges(message) where component[target.fullName] == component[message.fullName] {
                field.isBoxed = true
            }
        }
    }

    /// A message needs an `isInitialized` of its own when it, or a message it holds, has a required field.
    private func markInitializationChecks() {
        var changed = true
        for message in messagesByName.values {
            message.needsInitializationCheck = message.fields.contains { $0.isRequired }
        }
        while changed {
            changed = false
            for message in messagesByName.values where !message.needsInitializationCheck {
                let holdsChecked = message.fields.contains { field in
                    let target = field.isMap ? field.mapValue.messageType : field.messageType
                    return target?.needsInitializationCheck == true
                }
                if holdsChecked {
                    message.needsInitializationCheck = true
                    changed = true
                }
            }
        }
    }
}

/// A problem with the request, reported in CodeGeneratorResponse.error.
struct GeneratorError: Error, CustomStringConvertible {
    let file: String
    let element: String
    let reason: String

    var description: String { "\(file): \(element): \(reason)" }
}

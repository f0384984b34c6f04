/// A message: the struct (fields, oneofs, nested types) and its `SwiftProto.Message`
/// conformance with straight-line decode, encode and text code.
struct MessageEmitter {
    let message: ProtoMessage
    let access: String

    private var plainFields: [FieldEmitter] {
        message.fields.filter { $0.oneof == nil }.map { FieldEmitter(field: $0, access: access) }
    }

    private var oneofEmitters: [OneofEmitter] {
        message.oneofs.map { OneofEmitter(oneof: $0, access: access) }
    }

    /// The struct declaration, nested inside its parent's.
    func declare(_ p: inout CodePrinter) {
        p.docComment(message.comment, deprecated: message.isDeprecated)
        p.block("\(access)struct \(message.declaredName): Sendable") { p in
            var nextOneof = 0
            for field in message.fields {
                if let oneof = field.oneof {
                    // Declare each oneof where its first member stands.
                    guard oneof.fields.first === field else { continue }
                    oneofEmitters[nextOneof].declare(&p, comments: message.file.comments)
                    nextOneof += 1
                } else {
                    FieldEmitter(field: field, access: access).declare(&p)
                }
            }
            p.line("\(access)var unknownFields = SwiftProto.UnknownStorage()")
            if message.isExtensible {
                p.line("\(access)var _protobuf_extensionFieldValues = SwiftProto.ExtensionFieldValueSet()")
            }
            p.line()
            for oneof in oneofEmitters {
                oneof.declareEnum(&p)
            }
            for nested in message.enums {
                EnumEmitter(protoEnum: nested, access: access).emit(&p)
            }
            for nested in message.messages where !nested.isMapEntry {
                MessageEmitter(message: nested, access: access).declare(&p)
            }
            p.line("\(access)init() {}")
            var storage = CodePrinter()
            for field in plainFields {
                field.declareStorage(&storage)
            }
            if !storage.content.isEmpty {
                p.line()
                for storageLine in storage.content.split(separator: "\n") {
                    p.line(String(storageLine))
                }
            }
        }
        p.line()
    }

    /// The conformance, emitted at file level after all declarations.
    func conform(_ p: inout CodePrinter) {
        let conformance = message.isExtensible ? "SwiftProto.ExtensibleMessage" : "SwiftProto.Message"
        p.block("extension \(message.swiftName): \(conformance)") { p in
            p.line("\(access)static let protoMessageName = \"\(message.protoName)\"")
            p.line("\(access)static var fileDescriptor: SwiftProto.GeneratedFileDescriptor? { \(FileDescriptorEmitter.constantName(message.file)) }")
            p.line()
            emitDecode(&p)
            p.line()
            emitEncode(&p)
            p.line()
            emitPrintText(&p)
            p.line()
            TextEmitter(message: message, access: access).emit(&p)
            p.line()
            JSONEmitter(message: message, access: access).emit(&p)
            if message.needsInitializationCheck || message.isExtensible {
                p.line()
                emitIsInitialized(&p)
            }
        }
        p.line()
        for nested in message.messages where !nested.isMapEntry {
            MessageEmitter(message: nested, access: access).conform(&p)
        }
    }

    private func emitDecode(_ p: inout CodePrinter) {
        p.block("\(access)mutating func decodeMessage(from decoder: inout SwiftProto.BinaryDecoder) throws") { p in
            if message.isMessageSet {
                p.line("try decoder.decodeMessageSet(into: &_protobuf_extensionFieldValues, messageType: Self.self, unknown: &unknownFields)")
                return
            }
            p.block("while let tag = try decoder.nextTag()") { p in
                p.switchBlock("switch tag") { p in
                    for field in message.fieldsByNumber {
                        if let oneof = field.oneof {
                            OneofEmitter(oneof: oneof, access: access).decode(field, &p)
                        } else {
                            FieldEmitter(field: field, access: access).decode(&p)
                        }
                    }
                    if message.isExtensible {
                        p.line("case let tag where \(message.extensionRangeCondition("Int(tag >> 3)")):")
                        p.line("    try decoder.decodeExtensionField(into: &_protobuf_extensionFieldValues, messageType: Self.self, unknown: &unknownFields)")
                    }
                    p.line("default: try decoder.skipField(into: &unknownFields)")
                }
            }
        }
    }

    private func emitEncode(_ p: inout CodePrinter) {
        // Back to front: unknown fields last on the wire are written first.
        p.block("\(access)func encodeMessage(to encoder: inout SwiftProto.BinaryEncoder)") { p in
            p.line("encoder.putUnknown(unknownFields)")
            if message.isMessageSet {
                p.line("encoder.putMessageSet(_protobuf_extensionFieldValues)")
                return
            }
            if message.isExtensible {
                p.line("encoder.putExtensions(_protobuf_extensionFieldValues)")
            }
            let descending = Array(message.fieldsByNumber.reversed())
            var index = 0
            while index < descending.count {
                let field = descending[index]
                guard let oneof = field.oneof else {
                    FieldEmitter(field: field, access: access).encode(&p)
                    index += 1
                    continue
                }
                let emitter = OneofEmitter(oneof: oneof, access: access)
                let run = descending[index...].prefix { $0.oneof === oneof }
                if run.count == oneof.fields.count {
                    emitter.encodeSwitch(&p)
                    index += run.count
                } else {
                    emitter.encodeMember(field, &p)
                    index += 1
                }
            }
        }
    }

    private func emitPrintText(_ p: inout CodePrinter) {
        p.block("\(access)func printText(to printer: inout SwiftProto.TextPrinter)") { p in
            if message.protoName == "google.protobuf.Any" {
                p.line("SwiftProto.WellKnownText.print(self, to: &printer)")
                return
            }
            for field in message.fieldsByNumber {
                if let oneof = field.oneof {
                    OneofEmitter(oneof: oneof, access: access).printText(field, &p)
                } else {
                    FieldEmitter(field: field, access: access).printText(&p)
                }
            }
            if message.isExtensible {
                p.line("printer.printExtensions(_protobuf_extensionFieldValues)")
            }
            p.line("printer.printUnknown(unknownFields)")
        }
    }

    private func emitIsInitialized(_ p: inout CodePrinter) {
        p.block("\(access)var isInitialized: Bool") { p in
            if message.isExtensible {
                p.line("if !_protobuf_extensionFieldValues.isInitialized { return false }")
            }
            for field in plainFields {
                field.initializationCheck(&p)
            }
            for oneof in oneofEmitters {
                oneof.initializationCheck(&p)
            }
            p.line("return true")
        }
    }
}

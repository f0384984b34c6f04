/// A message: the struct (fields, oneofs, nested types) and its `SwiftProto.Message`
/// conformance with straight-line decode, encode and text code.
struct MessageEmitter {
    let message: ProtoMessage
    let access: String
    /// One emitter per field, in declaration order; the members of a oneof share its emitter.
    private let fields: [any FieldEmitter]
    private let fieldsByNumber: [any FieldEmitter]

    init(message: ProtoMessage, access: String) {
        self.message = message
        self.access = access
        let oneofs = message.oneofs.map { OneofEmitter(oneof: $0, in: message, access: access) }
        fields = message.fields.map { field -> any FieldEmitter in
            guard let oneof = field.oneof else { return PlainFieldEmitter(field: field, access: access) }
            return OneofMemberEmitter(field: field, oneof: oneofs.first { $0.oneof === oneof }!)
        }
        fieldsByNumber = fields.sorted { $0.field.number < $1.field.number }
    }

    /// The struct declaration, nested inside its parent's.
    func declare(_ p: inout CodePrinter) {
        p.docComment(message.comment, deprecated: message.isDeprecated)
        p.deprecation(message.isDeprecated)
        p.block("\(access)struct \(message.declaredName): Sendable") { p in
            for field in fields {
                field.declareInterface(&p)
            }
            p.line("/// Fields this version of the message does not know, kept as read so that they are written back.")
            p.line("\(access)var unknownFields = SwiftProto.UnknownStorage()")
            if message.isExtensible {
                p.line("\(access)var _protobuf_extensionFieldValues = SwiftProto.ExtensionFieldValueSet()")
            }
            p.line()
            for field in fields {
                field.declareTypes(&p)
            }
            for nested in message.enums {
                EnumEmitter(protoEnum: nested, access: access).emit(&p)
            }
            for nested in message.messages where !nested.isMapEntry {
                MessageEmitter(message: nested, access: access).declare(&p)
            }
            p.line("/// A message with every field at its default.")
            p.line("\(access)init() {}")
            var storage = CodePrinter()
            for field in fields {
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
        // The extension names the message (and a nested one its deprecated parent): only a
        // deprecated extension may.
        p.deprecation(message.inDeprecatedScope)
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
            TextEmitter(message: message, access: access, fieldsByNumber: fieldsByNumber).emit(&p)
            p.line()
            JSONEmitter(message: message, access: access, fieldsByNumber: fieldsByNumber).emit(&p)
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
                    for field in fieldsByNumber {
                        field.decodeCase(&p)
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
            for field in fieldsByNumber.reversed() {
                field.encode(&p)
            }
        }
    }

    private func emitPrintText(_ p: inout CodePrinter) {
        p.block("\(access)func printText(to printer: inout SwiftProto.TextPrinter)") { p in
            if message.protoName == "google.protobuf.Any" {
                p.line("SwiftProto.WellKnownText.print(self, to: &printer)")
                return
            }
            for field in fieldsByNumber {
                field.printText(&p)
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
            for field in fields {
                field.initializationCheck(&p)
            }
            p.line("return true")
        }
    }
}

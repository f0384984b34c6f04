/// The generated code for one field that is not in a oneof: its declaration and its lines in
/// decodeMessage, encodeMessage, printText and isInitialized.
struct FieldEmitter {
    let field: ProtoField
    let access: String

    private var name: String { Namer.quoted(field.swiftName) }
    private var storage: String { field.storageName }
    private var capitalized: String { field.swiftName.prefix(1).uppercased() + field.swiftName.dropFirst() }

    // MARK: Declaration

    func declare(_ p: inout CodePrinter) {
        p.docComment(field.comment)
        if field.hasPresence {
            let getter = field.isBoxed
                ? "\(storage)?.value ?? \(field.defaultValueExpression)"
                : "\(storage) ?? \(field.defaultValueExpression)"
            let setter = field.isBoxed ? "\(storage) = SwiftProto.Indirect(newValue)" : "\(storage) = newValue"
            deprecated(&p)
            p.block("\(access)var \(name): \(field.swiftType)") { p in
                p.line("get { \(getter) }")
                p.line("set { \(setter) }")
            }
            p.line("/// Whether `\(field.swiftName)` has been set.")
            deprecated(&p)
            p.line("\(access)var has\(capitalized): Bool { \(storage) != nil }")
            p.line("/// Unsets `\(field.swiftName)`, so it reads as its default again.")
            deprecated(&p)
            p.line("\(access)mutating func clear\(capitalized)() { \(storage) = nil }")
        } else if field.isDeprecated {
            deprecated(&p)
            p.block("\(access)var \(name): \(field.swiftType)") { p in
                p.line("get { \(storage) }")
                p.line("set { \(storage) = newValue }")
            }
        } else {
            p.line("\(access)var \(name): \(field.swiftType) = \(field.defaultValueExpression)")
        }
        p.line()
    }

    /// Storage declared at the end of the struct for fields whose public face is computed.
    func declareStorage(_ p: inout CodePrinter) {
        if field.hasPresence {
            let type = field.isBoxed ? "SwiftProto.Indirect<\(field.swiftType)>" : field.swiftType
            p.line("fileprivate var \(storage): \(type)? = nil")
        } else if field.isDeprecated {
            p.line("fileprivate var \(storage): \(field.swiftType) = \(field.defaultValueExpression)")
        }
    }

    private func deprecated(_ p: inout CodePrinter) {
        if field.isDeprecated { p.line("@available(*, deprecated, message: \"deprecated in the .proto file\")") }
    }

    // MARK: decodeMessage

    func decode(_ p: inout CodePrinter) {
        if field.isMap {
            let key = field.mapKey
            let value = field.mapValue
            if value.isClosedEnum {
                p.line("case \(field.packedTag): try decoder.decodeMapEntryWithClosedEnum(\(key.codec).self, into: &\(storage), unknown: &unknownFields)")
            } else {
                p.line("case \(field.packedTag): try decoder.decodeMapEntry(\(key.codec).self, \(value.codec).self, into: &\(storage))")
            }
            return
        }
        if field.isRepeated {
            if field.isPackable {
                let tags = "\(field.tag), \(field.packedTag)"
                if field.isClosedEnum {
                    p.line("case \(tags): try decoder.decodeRepeatedClosedEnum(into: &\(storage), unknown: &unknownFields)")
                } else {
                    p.line("case \(tags): try decoder.decodeRepeated(\(field.codec).self, into: &\(storage))")
                }
            } else if field.kind == .message {
                p.line("case \(field.tag): try decoder.decodeRepeatedMessage(into: &\(storage))")
            } else if field.kind == .group {
                p.line("case \(field.tag): try decoder.decodeRepeatedGroup(into: &\(storage))")
            } else {
                p.line("case \(field.tag): \(storage).append(try decoder.decode(\(field.codec).self))")
            }
            return
        }
        switch field.kind {
        case .message: p.line("case \(field.tag): try decoder.decodeMessage(into: &\(storage))")
        case .group: p.line("case \(field.tag): try decoder.decodeGroup(into: &\(storage))")
        case .enum where field.isClosedEnum:
            p.line("case \(field.tag):")
            p.line("    if let value = try decoder.decodeClosedEnum(\(field.swiftBaseType).self, unknown: &unknownFields) { \(storage) = value }")
        default: p.line("case \(field.tag): \(storage) = try decoder.decode(\(field.codec).self)")
        }
    }

    // MARK: encodeMessage

    func encode(_ p: inout CodePrinter) {
        if field.isMap {
            p.line("encoder.putMap(\(field.mapKey.codec).self, \(field.mapValue.codec).self, \(storage), tag: \(field.packedTag))")
            return
        }
        if field.isRepeated {
            switch field.kind {
            case .message: p.line("encoder.putRepeatedMessage(\(storage), tag: \(field.tag))")
            case .group: p.line("encoder.putRepeatedGroup(\(storage), fieldNumber: \(field.number))")
            default:
                if field.isPacked {
                    p.line("encoder.putPacked(\(field.codec).self, \(storage), tag: \(field.packedTag))")
                } else {
                    p.line("encoder.putRepeated(\(field.codec).self, \(storage), tag: \(field.tag))")
                }
            }
            return
        }
        let value = field.isBoxed ? "value.value" : "value"
        if field.hasPresence {
            p.line("if let value = \(storage) { \(FieldEmitter.encodeStatement(field, value: value)) }")
        } else {
            p.line("if \(field.isNonDefaultCondition(storage)) { \(FieldEmitter.encodeStatement(field, value: storage)) }")
        }
    }

    /// The write of one singular value (shared with oneof members).
    static func encodeStatement(_ field: ProtoField, value: String) -> String {
        switch field.kind {
        case .message: return "encoder.putMessage(\(value), tag: \(field.tag))"
        case .group: return "encoder.putGroup(\(value), fieldNumber: \(field.number))"
        default: return "encoder.put(\(field.codec).self, \(value), tag: \(field.tag))"
        }
    }

    // MARK: printText

    func printText(_ p: inout CodePrinter) {
        let label = FieldEmitter.textName(field)
        if field.isRepeated {
            p.line("printer.print(\"\(label)\", \(storage))")
        } else if field.hasPresence {
            let value = field.isBoxed ? "value.value" : "value"
            p.line("if let value = \(storage) { printer.print(\"\(label)\", \(value)) }")
        } else {
            p.line("if \(field.isNonDefaultCondition(storage)) { printer.print(\"\(label)\", \(storage)) }")
        }
    }

    /// Text format names groups by their type, every other field by its name.
    static func textName(_ field: ProtoField) -> String {
        field.isGroupLike ? field.messageType!.descriptor.name : field.protoName
    }

    // MARK: isInitialized

    func initializationCheck(_ p: inout CodePrinter) {
        if field.isRequired {
            p.line("if \(storage) == nil { return false }")
        }
        if field.isMap {
            if field.mapValue.messageType?.needsInitializationCheck == true {
                p.line("if !\(storage).values.allSatisfy(\\.isInitialized) { return false }")
            }
            return
        }
        guard field.messageType?.needsInitializationCheck == true else { return }
        if field.isRepeated {
            p.line("if !\(storage).allSatisfy(\\.isInitialized) { return false }")
        } else {
            let value = field.isBoxed ? "value.value" : "value"
            p.line("if let value = \(storage), !\(value).isInitialized { return false }")
        }
    }
}

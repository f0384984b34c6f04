/// A field that is not in a oneof: a stored property (or a computed one over optional storage,
/// for presence and deprecation) and its lines in every codec function.
struct PlainFieldEmitter: FieldEmitter {
    let field: ProtoField
    let access: String

    private var name: String { Namer.quoted(field.swiftName) }
    private var storage: String { field.storageName }
    /// The unboxed value of an `if let value = storage`.
    private var unwrapped: String { field.isBoxed ? "value.value" : "value" }

    // MARK: The struct

    func declareInterface(_ p: inout CodePrinter) {
        p.docComment(field.comment)
        if field.hasPresence {
            let getter = field.isBoxed
                ? "\(storage)?.value ?? \(field.defaultValueExpression)"
                : "\(storage) ?? \(field.defaultValueExpression)"
            let setter = field.isBoxed ? "\(storage) = SwiftProto.Indirect(newValue)" : "\(storage) = newValue"
            p.deprecation(field.isDeprecated)
            p.block("\(access)var \(name): \(field.swiftType)") { p in
                p.line("get { \(getter) }")
                p.line("set { \(setter) }")
            }
            p.line("/// Whether `\(field.swiftName)` has been set.")
            p.deprecation(field.isDeprecated)
            p.line("\(access)var \(Namer.hasAccessor(field.swiftName)): Bool { \(storage) != nil }")
            p.line("/// Unsets `\(field.swiftName)`, so it reads as its default again.")
            p.deprecation(field.isDeprecated)
            p.line("\(access)mutating func \(Namer.clearAccessor(field.swiftName))() { \(storage) = nil }")
        } else if field.isDeprecated {
            p.deprecation(true)
            p.block("\(access)var \(name): \(field.swiftType)") { p in
                p.line("get { \(storage) }")
                p.line("set { \(storage) = newValue }")
            }
        } else {
            p.line("\(access)var \(name): \(field.swiftType) = \(field.defaultValueExpression)")
        }
        p.line()
    }

    func declareTypes(_ p: inout CodePrinter) {}

    func declareStorage(_ p: inout CodePrinter) {
        if field.hasPresence {
            let type = field.isBoxed ? "SwiftProto.Indirect<\(field.swiftType)>" : field.swiftType
            p.line("fileprivate var \(storage): \(type)? = nil")
        } else if field.isDeprecated {
            p.line("fileprivate var \(storage): \(field.swiftType) = \(field.defaultValueExpression)")
        }
    }

    // MARK: Binary

    func decodeCase(_ p: inout CodePrinter) {
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
        if field.hasPresence {
            p.line("if let value = \(storage) { \(encodeStatement(value: unwrapped)) }")
        } else {
            p.line("if \(field.isNonDefaultCondition(storage)) { \(encodeStatement(value: storage)) }")
        }
    }

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
            p.line("if let value = \(storage), !\(unwrapped).isInitialized { return false }")
        }
    }

    // MARK: Text format

    func printText(_ p: inout CodePrinter) {
        let label = field.textName
        if field.isRepeated {
            p.line("printer.print(\"\(label)\", \(storage))")
        } else if field.hasPresence {
            p.line("if let value = \(storage) { printer.print(\"\(label)\", \(unwrapped)) }")
        } else {
            p.line("if \(field.isNonDefaultCondition(storage)) { printer.print(\"\(label)\", \(storage)) }")
        }
    }

    var decodeTextChecksOnce: Bool { !field.isRepeated }

    func decodeTextCase(_ p: inout CodePrinter) {
        // `self.`: a field may be called `reader`, `field` or `seen`.
        let storage = "self." + self.storage
        if field.isMap {
            p.line("case \(field.number): try reader.readMap(\(field.mapKey.codec).self, \(field.mapValue.codec).self, into: &\(storage))")
        } else if field.isRepeated {
            p.line("case \(field.number): try reader.readRepeated(\(field.codec).self, into: &\(storage))")
        } else if field.isMessageKind {
            p.line("case \(field.number):")
            p.line("    try reader.checkOnce(&seen, \(field.number))")
            p.line("    try reader.readMessage(into: &\(storage))")
        } else {
            p.line("case \(field.number):")
            p.line("    try reader.checkOnce(&seen, \(field.number))")
            p.line("    \(storage) = try reader.read(\(field.codec).self)")
        }
    }

    // MARK: JSON

    func encodeJSON(_ p: inout CodePrinter) {
        // `self.` throughout: a field may be called `writer`, `reader`, `field` or `value`.
        let storage = "self." + self.storage
        if field.isMap {
            p.line("try writer.putMap(\(field.mapKey.codec).self, \(field.mapValue.codec).self, \(storage), \(jsonNames))")
        } else if field.isRepeated {
            p.line("try writer.putRepeated(\(field.codec).self, \(storage), \(jsonNames))")
        } else if field.hasPresence {
            p.line("if let value = \(storage) { try writer.put(\(field.codec).self, \(unwrapped), \(jsonNames)) }")
        } else {
            p.block("if \(field.isNonDefaultCondition(storage)) || writer.options.alwaysPrintFieldsWithDefaultValues") { p in
                p.line("try writer.put(\(field.codec).self, \(storage), \(jsonNames))")
            }
        }
    }

    func decodeJSONCase(_ p: inout CodePrinter) {
        let storage = "self." + self.storage
        if field.isMap {
            p.line("case \(field.number): try reader.readMap(\(field.mapKey.codec).self, \(field.mapValue.codec).self, into: &\(storage))")
        } else if field.isRepeated {
            p.line("case \(field.number): try reader.readRepeated(\(field.codec).self, into: &\(storage))")
        } else if field.isMessageKind {
            p.line("case \(field.number): try reader.readMessage(into: &\(storage))")
        } else {
            p.line("case \(field.number): if let value = try reader.read(\(field.codec).self) { \(storage) = value }")
        }
    }
}

/// A member of a oneof: an accessor over the oneof's property, and its lines in the codec
/// functions. What concerns the whole oneof is written once, at one member, by OneofEmitter.
struct OneofMemberEmitter: FieldEmitter {
    let field: ProtoField
    let oneof: OneofEmitter

    private var name: String { Namer.quoted(field.swiftName) }
    private var property: String { oneof.property }
    private var access: String { oneof.access }

    // MARK: The struct

    func declareInterface(_ p: inout CodePrinter) {
        if field === oneof.firstDeclared { oneof.declareProperty(&p) }
        p.docComment(field.comment, deprecated: field.isDeprecated)
        p.deprecation(field.isDeprecated)
        p.block("\(access)var \(name): \(field.swiftType)") { p in
            p.block("get") { p in
                p.line("if case .\(name)(let value)? = \(property) { return value }")
                p.line("return \(field.defaultValueExpression)")
            }
            p.line("set { \(property) = .\(name)(newValue) }")
        }
        p.line()
    }

    func declareTypes(_ p: inout CodePrinter) {
        if field === oneof.firstDeclared { oneof.declareEnum(&p) }
    }

    func declareStorage(_ p: inout CodePrinter) {}

    // MARK: Binary

    func decodeCase(_ p: inout CodePrinter) {
        switch field.kind {
        case .message, .group:
            let read = field.kind == .group ? "decodeGroup" : "decodeMessage"
            p.line("case \(field.tag):")
            p.indent()
            p.line("var value = \(field.swiftType)()")
            p.line("if case .\(name)(let existing)? = \(property) { value = existing }")
            p.line("try decoder.\(read)(into: &value)")
            p.line("\(property) = .\(name)(value)")
            p.outdent()
        case .enum where field.isClosedEnum:
            p.line("case \(field.tag):")
            p.line("    if let value = try decoder.decodeClosedEnum(\(field.swiftBaseType).self, unknown: &unknownFields) { \(property) = .\(name)(value) }")
        default:
            p.line("case \(field.tag): \(property) = .\(name)(try decoder.decode(\(field.codec).self))")
        }
    }

    func encode(_ p: inout CodePrinter) {
        if oneof.membersAdjacent {
            if field === oneof.highestNumbered { oneof.encodeSwitch(&p) }
        } else {
            p.line("if case .\(name)(let value)? = \(property) { \(encodeStatement(value: "value")) }")
        }
    }

    func initializationCheck(_ p: inout CodePrinter) {
        if field.messageType?.needsInitializationCheck == true {
            p.line("if case .\(name)(let value)? = \(property), !value.isInitialized { return false }")
        }
    }

    // MARK: Text format

    func printText(_ p: inout CodePrinter) {
        p.line("if case .\(name)(let value)? = \(property) { printer.print(\"\(field.textName)\", value) }")
    }

    /// The oneof's bit in `oneofsSet` rejects a second member, and a second occurrence too.
    var decodeTextChecksOnce: Bool { false }

    func decodeTextCase(_ p: inout CodePrinter) {
        p.line("case \(field.number):")
        p.indent()
        p.line("try reader.checkOneofUnset(oneofsSet & \(1 << oneof.bit) != 0, \(JSONEmitter.literal(oneof.oneof.protoName)))")
        p.line("oneofsSet |= \(1 << oneof.bit)")
        p.line("self.\(oneof.oneof.swiftPropertyName) = .\(name)(try reader.read(\(field.codec).self))")
        p.outdent()
    }

    // MARK: JSON

    func encodeJSON(_ p: inout CodePrinter) {
        if field === oneof.lowestNumbered { oneof.encodeJSONSwitch(&p) }
    }

    func decodeJSONCase(_ p: inout CodePrinter) {
        p.line("case \(field.number):")
        p.indent()
        p.block("if let value = try reader.read(\(field.codec).self)") { p in
            p.line("try reader.checkOneofUnset(oneofsSet & \(1 << oneof.bit) != 0, \(JSONEmitter.literal(oneof.oneof.protoName)))")
            p.line("oneofsSet |= \(1 << oneof.bit)")
            p.line("self.\(oneof.oneof.swiftPropertyName) = .\(name)(value)")
        }
        p.outdent()
    }
}

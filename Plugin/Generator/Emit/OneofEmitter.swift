/// A oneof: an optional Swift enum property, a convenience accessor per member, and the
/// members' lines in the message's codec functions.
struct OneofEmitter {
    let oneof: ProtoOneof
    let access: String

    private var property: String { Namer.quoted(oneof.swiftPropertyName) }

    func declare(_ p: inout CodePrinter, comments: Comments) {
        p.docComment(comments.text(at: oneof.path))
        p.line("\(access)var \(property): \(oneof.swiftTypeName)? = nil")
        p.line()
        for field in oneof.fields {
            let name = Namer.quoted(field.swiftName)
            p.docComment(field.comment, deprecated: field.isDeprecated)
            p.block("\(access)var \(name): \(field.swiftType)") { p in
                p.block("get") { p in
                    p.line("if case .\(name)(let value)? = \(property) { return value }")
                    p.line("return \(field.defaultValueExpression)")
                }
                p.line("set { \(property) = .\(name)(newValue) }")
            }
            p.line()
        }
    }

    func declareEnum(_ p: inout CodePrinter) {
        p.block("\(access)enum \(oneof.swiftTypeName): Hashable, Sendable") { p in
            for field in oneof.fields {
                p.docComment(field.comment)
                let indirect = field.isBoxed ? "indirect " : ""
                p.line("\(indirect)case \(Namer.quoted(field.swiftName))(\(field.swiftType))")
            }
        }
        p.line()
    }

    func decode(_ field: ProtoField, _ p: inout CodePrinter) {
        let name = Namer.quoted(field.swiftName)
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

    /// All members in one switch; used where no other field's number falls between them.
    func encodeSwitch(_ p: inout CodePrinter) {
        p.switchBlock("switch \(property)") { p in
            for field in oneof.fields.sorted(by: { $0.number > $1.number }) {
                p.line("case .\(Namer.quoted(field.swiftName))(let value)?: \(FieldEmitter.encodeStatement(field, value: "value"))")
            }
            p.line("case nil: break")
        }
    }

    /// One member on its own, where other fields' numbers interleave with the oneof's.
    func encodeMember(_ field: ProtoField, _ p: inout CodePrinter) {
        p.line("if case .\(Namer.quoted(field.swiftName))(let value)? = \(property) { \(FieldEmitter.encodeStatement(field, value: "value")) }")
    }

    func printText(_ field: ProtoField, _ p: inout CodePrinter) {
        p.line("if case .\(Namer.quoted(field.swiftName))(let value)? = \(property) { printer.print(\"\(FieldEmitter.textName(field))\", value) }")
    }

    func initializationCheck(_ p: inout CodePrinter) {
        for field in oneof.fields where field.messageType?.needsInitializationCheck == true {
            p.line("if case .\(Namer.quoted(field.swiftName))(let value)? = \(property), !value.isInitialized { return false }")
        }
    }
}

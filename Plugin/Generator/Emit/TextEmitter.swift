/// A message's text-format reading code: `decodeText`, a switch on field numbers that the
/// runtime resolves names to (groups by their type name), with the spec's rule that a
/// singular field and a oneof appear at most once. Any delegates to the runtime, which also
/// reads the expanded `[type.googleapis.com/…] { … }` form.
struct TextEmitter {
    let message: ProtoMessage
    let access: String
    let fieldsByNumber: [any FieldEmitter]

    func emit(_ p: inout CodePrinter) {
        if message.protoName == "google.protobuf.Any" {
            p.block("\(access)mutating func decodeText(from reader: inout SwiftProto.TextReader) throws") { p in
                p.line("try SwiftProto.WellKnownText.decode(&self, from: &reader)")
            }
            return
        }
        emitNames(&p)
        p.line()
        p.block("\(access)mutating func decodeText(from reader: inout SwiftProto.TextReader) throws") { p in
            if fieldsByNumber.contains(where: \.decodeTextChecksOnce) {
                p.line("var seen = SwiftProto.TextFieldSet()")
            }
            if !message.oneofs.isEmpty { p.line("var oneofsSet = 0") }
            let next = message.isExtensible ? "reader.nextField(in: Self._textFieldNames, extensibleAs: Self.self)" : "reader.nextField(in: Self._textFieldNames)"
            p.block("while let field = try \(next)") { p in
                p.switchBlock("switch field") { p in
                    for field in fieldsByNumber {
                        field.decodeTextCase(&p)
                    }
                    if message.isExtensible {
                        p.line("case SwiftProto.extensionFieldMarker: try reader.readExtension(into: &self._protobuf_extensionFieldValues)")
                    }
                    p.line("default: break")
                }
            }
        }
    }

    private func emitNames(_ p: inout CodePrinter) {
        let entries = fieldsByNumber.map { "(\(JSONEmitter.literal($0.field.textName)), \($0.field.number))" }
        if entries.isEmpty {
            p.line("fileprivate static let _textFieldNames = SwiftProto.FieldNameTable(textNames: [])")
            return
        }
        p.line("fileprivate static let _textFieldNames = SwiftProto.FieldNameTable(textNames: [")
        p.indent()
        for entry in entries { p.line(entry + ",") }
        p.outdent()
        p.line("])")
    }
}

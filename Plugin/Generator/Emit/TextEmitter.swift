/// A message's text-format reading code: `decodeText`, a switch on field numbers that the
/// runtime resolves names to (groups by their type name), with the spec's rule that a
/// singular field and a oneof appear at most once. Any delegates to the runtime, which also
/// reads the expanded `[type.googleapis.com/…] { … }` form.
struct TextEmitter {
    let message: ProtoMessage
    let access: String

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
            let oneofs = message.oneofs
            if message.fields.contains(where: { !$0.isRepeated && $0.oneof == nil }) {
                p.line("var seen = SwiftProto.TextFieldSet()")
            }
            if !oneofs.isEmpty { p.line("var oneofsSet = 0") }
            let next = message.isExtensible ? "reader.nextField(in: Self._textFieldNames, extensibleAs: Self.self)" : "reader.nextField(in: Self._textFieldNames)"
            p.block("while let field = try \(next)") { p in
                p.switchBlock("switch field") { p in
                    for field in message.fieldsByNumber {
                        decode(field, oneofBit: field.oneof.map { oneof in oneofs.firstIndex { $0 === oneof }! }, &p)
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
        let entries = message.fieldsByNumber.map { "(\(JSONEmitter.literal(FieldEmitter.textName($0))), \($0.number))" }
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

    private func decode(_ field: ProtoField, oneofBit: Int?, _ p: inout CodePrinter) {
        // `self.`: a field may be called `reader`, `field` or `seen`.
        let storage = "self." + field.storageName
        if let oneof = field.oneof, let bit = oneofBit {
            let property = "self." + oneof.swiftPropertyName
            p.line("case \(field.number):")
            p.indent()
            p.line("try reader.checkOneofUnset(oneofsSet & \(1 << bit) != 0, \(JSONEmitter.literal(oneof.protoName)))")
            p.line("oneofsSet |= \(1 << bit)")
            p.line("\(property) = .\(Namer.quoted(field.swiftName))(try reader.read(\(field.codec).self))")
            p.outdent()
        } else if field.isMap {
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
}

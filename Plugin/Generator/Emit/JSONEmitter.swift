/// A message's ProtoJSON code: `encodeJSON` (fields in number order, with the names and the
/// presence rules of the JSON mapping), `decodeJSON` (a switch on field numbers that the
/// runtime resolves member names to) and the table of names. Well-known types with a special
/// JSON form delegate both directions to the runtime.
struct JSONEmitter {
    let message: ProtoMessage
    let access: String
    let fieldsByNumber: [any FieldEmitter]

    /// Types whose JSON form is not an object of their fields, by full proto name.
    static let specialForms: Set<String> = [
        "google.protobuf.Any", "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
        "google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue",
        "google.protobuf.DoubleValue", "google.protobuf.FloatValue", "google.protobuf.Int64Value", "google.protobuf.UInt64Value",
        "google.protobuf.Int32Value", "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
        "google.protobuf.BytesValue",
    ]

    func emit(_ p: inout CodePrinter) {
        if JSONEmitter.specialForms.contains(message.protoName) {
            emitSpecialForm(&p)
            return
        }
        emitNames(&p)
        p.line()
        emitEncode(&p)
        p.line()
        emitDecode(&p)
    }

    private func emitSpecialForm(_ p: inout CodePrinter) {
        p.block("\(access)func encodeJSON(to writer: inout SwiftProto.JSONWriter) throws") { p in
            p.line("try SwiftProto.WellKnownJSON.encode(self, to: &writer)")
        }
        p.line()
        p.block("\(access)mutating func decodeJSON(from reader: inout SwiftProto.JSONReader) throws") { p in
            p.line("try SwiftProto.WellKnownJSON.decode(&self, from: &reader)")
        }
        if message.protoName == "google.protobuf.Value" {
            p.line()
            p.line("\(access)static var readsJSONNull: Bool { true }")
        }
    }

    private func emitNames(_ p: inout CodePrinter) {
        let entries = fieldsByNumber.map { "(\($0.jsonNames), \($0.field.number))" }
        if entries.isEmpty {
            p.line("fileprivate static let _jsonFieldNames = SwiftProto.FieldNameTable([])")
            return
        }
        p.line("fileprivate static let _jsonFieldNames = SwiftProto.FieldNameTable([")
        p.indent()
        for entry in entries { p.line(entry + ",") }
        p.outdent()
        p.line("])")
    }

    // MARK: encodeJSON

    private func emitEncode(_ p: inout CodePrinter) {
        p.block("\(access)func encodeJSON(to writer: inout SwiftProto.JSONWriter) throws") { p in
            p.line("writer.beginObject()")
            for field in fieldsByNumber {
                field.encodeJSON(&p)
            }
            if message.isExtensible {
                p.line("try writer.putExtensions(self._protobuf_extensionFieldValues)")
            }
            p.line("writer.endObject()")
        }
    }

    // MARK: decodeJSON

    private func emitDecode(_ p: inout CodePrinter) {
        p.block("\(access)mutating func decodeJSON(from reader: inout SwiftProto.JSONReader) throws") { p in
            if !message.oneofs.isEmpty {
                // The oneofs this object has set: JSON must not name two members of one.
                p.line("var oneofsSet = 0")
            }
            p.line("try reader.beginObject()")
            let next = message.isExtensible ? "reader.nextField(in: Self._jsonFieldNames, extensibleAs: Self.self)" : "reader.nextField(in: Self._jsonFieldNames)"
            p.block("while let field = try \(next)") { p in
                p.switchBlock("switch field") { p in
                    for field in fieldsByNumber {
                        field.decodeJSONCase(&p)
                    }
                    if message.isExtensible {
                        p.line("case SwiftProto.extensionFieldMarker: try reader.readExtension(into: &self._protobuf_extensionFieldValues)")
                    }
                    p.line("default: break")
                }
            }
        }
    }

    /// A Swift string literal for a name from the .proto file.
    static func literal(_ text: String) -> String {
        "\"" + text.replacingCharacters(#"\"#, with: #"\\"#).replacingCharacters("\"", with: "\\\"") + "\""
    }
}

extension String {
    /// Every `target` replaced (no Foundation in the plugin).
    func replacingCharacters(_ target: String, with replacement: String) -> String {
        guard let first = target.first, target.count == 1 else { return self }
        var out = ""
        for character in self {
            if character == first { out += replacement } else { out.append(character) }
        }
        return out
    }
}

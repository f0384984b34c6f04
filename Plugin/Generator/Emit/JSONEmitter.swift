/// A message's ProtoJSON code: `encodeJSON` (fields in number order, with the names and the
/// presence rules of the JSON mapping), `decodeJSON` (a switch on field numbers that the
/// runtime resolves member names to) and the table of names. Well-known types with a special
/// JSON form delegate both directions to the runtime.
struct JSONEmitter {
    let message: ProtoMessage
    let access: String

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
        let entries = message.fieldsByNumber.map { field in
            "(\(JSONEmitter.literal(field.descriptor.jsonName)), \(JSONEmitter.literal(field.protoName)), \(field.number))"
        }
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
            var done: Set<ObjectIdentifier> = []
            for field in message.fieldsByNumber {
                if let oneof = field.oneof {
                    // The whole oneof where its lowest-numbered member stands.
                    guard done.insert(ObjectIdentifier(oneof)).inserted else { continue }
                    encodeOneof(oneof, &p)
                } else {
                    encodeField(field, &p)
                }
            }
            if message.isExtensible {
                p.line("try writer.putExtensions(self._protobuf_extensionFieldValues)")
            }
            p.line("writer.endObject()")
        }
    }

    private func names(_ field: ProtoField) -> String {
        "\(JSONEmitter.literal(field.descriptor.jsonName)), \(JSONEmitter.literal(field.protoName))"
    }

    private func encodeField(_ field: ProtoField, _ p: inout CodePrinter) {
        // `self.` throughout: a field may be called `writer`, `reader`, `field` or `value`.
        let storage = "self." + field.storageName
        if field.isMap {
            p.line("try writer.putMap(\(field.mapKey.codec).self, \(field.mapValue.codec).self, \(storage), \(names(field)))")
        } else if field.isRepeated {
            p.line("try writer.putRepeated(\(field.codec).self, \(storage), \(names(field)))")
        } else if field.hasPresence {
            let value = field.isBoxed ? "value.value" : "value"
            p.line("if let value = \(storage) { try writer.put(\(field.codec).self, \(value), \(names(field))) }")
        } else {
            p.block("if \(field.isNonDefaultCondition(storage)) || writer.options.alwaysPrintFieldsWithDefaultValues") { p in
                p.line("try writer.put(\(field.codec).self, \(storage), \(names(field)))")
            }
        }
    }

    private func encodeOneof(_ oneof: ProtoOneof, _ p: inout CodePrinter) {
        let property = "self." + oneof.swiftPropertyName
        p.switchBlock("switch \(property)") { p in
            for field in oneof.fields.sorted(by: { $0.number < $1.number }) {
                p.line("case .\(Namer.quoted(field.swiftName))(let value)?: try writer.put(\(field.codec).self, value, \(names(field)))")
            }
            p.line("case nil: break")
        }
    }

    // MARK: decodeJSON

    private func emitDecode(_ p: inout CodePrinter) {
        p.block("\(access)mutating func decodeJSON(from reader: inout SwiftProto.JSONReader) throws") { p in
            let oneofs = message.oneofs
            if !oneofs.isEmpty {
                // The oneofs this object has set: JSON must not name two members of one.
                p.line("var oneofsSet = 0")
            }
            p.line("try reader.beginObject()")
            let next = message.isExtensible ? "reader.nextField(in: Self._jsonFieldNames, extensibleAs: Self.self)" : "reader.nextField(in: Self._jsonFieldNames)"
            p.block("while let field = try \(next)") { p in
                p.switchBlock("switch field") { p in
                    for field in message.fieldsByNumber {
                        if let oneof = field.oneof {
                            let bit = oneofs.firstIndex { $0 === oneof }!
                            decodeOneofMember(field, oneof: oneof, bit: bit, &p)
                        } else {
                            decodeField(field, &p)
                        }
                    }
                    if message.isExtensible {
                        p.line("case SwiftProto.extensionFieldMarker: try reader.readExtension(into: &self._protobuf_extensionFieldValues)")
                    }
                    p.line("default: break")
                }
            }
        }
    }

    private func decodeField(_ field: ProtoField, _ p: inout CodePrinter) {
        let storage = "self." + field.storageName
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

    private func decodeOneofMember(_ field: ProtoField, oneof: ProtoOneof, bit: Int, _ p: inout CodePrinter) {
        let property = "self." + oneof.swiftPropertyName
        p.line("case \(field.number):")
        p.indent()
        p.block("if let value = try reader.read(\(field.codec).self)") { p in
            p.line("try reader.checkOneofUnset(oneofsSet & \(1 << bit) != 0, \(JSONEmitter.literal(oneof.protoName)))")
            p.line("oneofsSet |= \(1 << bit)")
            p.line("\(property) = .\(Namer.quoted(field.swiftName))(value)")
        }
        p.outdent()
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

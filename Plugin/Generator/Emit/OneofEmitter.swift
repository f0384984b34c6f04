/// A oneof as a whole: an optional Swift enum property, the enum, and the switches that handle
/// all members at once. Each member's own lines come from its OneofMemberEmitter.
struct OneofEmitter {
    let oneof: ProtoOneof
    let access: String
    /// The oneof's bit in the `oneofsSet` of decodeText and decodeJSON.
    let bit: Int
    /// No other field's number falls between the members', so one switch writes them all.
    let membersAdjacent: Bool
    private let comment: String?

    init(oneof: ProtoOneof, in message: ProtoMessage, access: String) {
        self.oneof = oneof
        self.access = access
        bit = message.oneofs.firstIndex { $0 === oneof }!
        let positions = message.fieldsByNumber.indices.filter { message.fieldsByNumber[$0].oneof === oneof }
        membersAdjacent = positions.last! - positions.first! + 1 == positions.count
        comment = message.file.comments.text(at: oneof.path)
    }

    var property: String { Namer.quoted(oneof.swiftPropertyName) }
    var firstDeclared: ProtoField { oneof.fields[0] }
    var lowestNumbered: ProtoField { oneof.fields.min { $0.number < $1.number }! }
    var highestNumbered: ProtoField { oneof.fields.max { $0.number < $1.number }! }

    func declareProperty(_ p: inout CodePrinter) {
        p.docComment(comment)
        p.line("\(access)var \(property): \(oneof.swiftTypeName)? = nil")
        p.line()
    }

    func declareEnum(_ p: inout CodePrinter) {
        p.line("/// The members of oneof `\(oneof.protoName)`: `\(property)` holds one of them, or none.")
        p.block("\(access)enum \(oneof.swiftTypeName): Hashable, Sendable") { p in
            for field in oneof.fields {
                p.docComment(field.comment)
                let indirect = field.isBoxed ? "indirect " : ""
                p.line("\(indirect)case \(Namer.quoted(field.swiftName))(\(field.swiftType))")
            }
        }
        p.line()
    }

    /// encodeMessage's writes for every member, highest number first.
    func encodeSwitch(_ p: inout CodePrinter) {
        p.switchBlock("switch \(property)") { p in
            for member in members.sorted(by: { $0.field.number > $1.field.number }) {
                p.line("case .\(Namer.quoted(member.field.swiftName))(let value)?: \(member.encodeStatement(value: "value"))")
            }
            p.line("case nil: break")
        }
    }

    /// encodeJSON's writes for every member, lowest number first.
    func encodeJSONSwitch(_ p: inout CodePrinter) {
        p.switchBlock("switch self.\(oneof.swiftPropertyName)") { p in
            for member in members.sorted(by: { $0.field.number < $1.field.number }) {
                p.line("case .\(Namer.quoted(member.field.swiftName))(let value)?: try writer.put(\(member.field.codec).self, value, \(member.jsonNames))")
            }
            p.line("case nil: break")
        }
    }

    private var members: [OneofMemberEmitter] {
        oneof.fields.map { OneofMemberEmitter(field: $0, oneof: self) }
    }
}

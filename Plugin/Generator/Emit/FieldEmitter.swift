/// What one field contributes to each section of its message's code, one hook per section (as
/// swift-protobuf's FieldGenerator has it). Plain fields and oneof members both conform, so the
/// message, text and JSON emitters walk one list and never ask whether a field is in a oneof;
/// a new kind of field is one new conformance.
protocol FieldEmitter {
    var field: ProtoField { get }

    // MARK: The struct

    /// The public face, in declaration order: the property and its `hasX`/`clearX`.
    func declareInterface(_ p: inout CodePrinter)
    /// Types the struct declares after `unknownFields` for this field.
    func declareTypes(_ p: inout CodePrinter)
    /// Stored properties behind a computed interface, at the end of the struct.
    func declareStorage(_ p: inout CodePrinter)

    // MARK: Binary

    /// The field's `case` in decodeMessage's switch on the whole tag.
    func decodeCase(_ p: inout CodePrinter)
    /// The field's writes in encodeMessage, which visits fields from the highest number down.
    func encode(_ p: inout CodePrinter)
    /// The field's checks in isInitialized.
    func initializationCheck(_ p: inout CodePrinter)

    // MARK: Text format

    func printText(_ p: inout CodePrinter)
    /// Whether decodeText rejects a second occurrence through its `seen` set.
    var decodeTextChecksOnce: Bool { get }
    /// The field's `case` in decodeText's switch on field numbers.
    func decodeTextCase(_ p: inout CodePrinter)

    // MARK: JSON

    func encodeJSON(_ p: inout CodePrinter)
    /// The field's `case` in decodeJSON's switch on field numbers.
    func decodeJSONCase(_ p: inout CodePrinter)
}

extension FieldEmitter {
    /// The write of one singular value.
    func encodeStatement(value: String) -> String {
        switch field.kind {
        case .message: return "encoder.putMessage(\(value), tag: \(field.tag))"
        case .group: return "encoder.putGroup(\(value), fieldNumber: \(field.number))"
        default: return "encoder.put(\(field.codec).self, \(value), tag: \(field.tag))"
        }
    }

    /// The JSON name and the proto name, as the JSON writer takes them.
    var jsonNames: String {
        "\(JSONEmitter.literal(field.descriptor.jsonName)), \(JSONEmitter.literal(field.protoName))"
    }
}

/// What generated `decodeText` calls per field.
extension TextReader {
    /// A singular value, after its `:`.
    public mutating func read<C: TextCodec>(_ codec: C.Type) throws -> C.Value {
        try colon(required: !C.isTextMessage)
        return try C.readText(from: &self)
    }

    /// One value, or a `[...]` list of them.
    public mutating func readRepeated<C: TextCodec>(_ codec: C.Type, into values: inout [C.Value]) throws {
        try colon(required: !C.isTextMessage)
        let listed = try readList { values.append(try C.readText(from: &$0)) }
        if !listed { values.append(try C.readText(from: &self)) }
    }

    /// `{ … }` or `< … >`, merged into `message`; the `:` before it is optional.
    public mutating func readMessage<M: Message>(into message: inout M) throws {
        try colon(required: false)
        try readMessageBody(into: &message)
    }

    /// A nested message into an optional field: created when unset, merged into when set.
    public mutating func readMessage<M: Message>(into message: inout M?) throws {
        var value = message ?? M()
        try readMessage(into: &value)
        message = value
    }

    /// The same for a field boxed in ``Indirect``.
    public mutating func readMessage<M: Message>(into message: inout Indirect<M>?) throws {
        var value = message?.value ?? M()
        try readMessage(into: &value)
        message = Indirect(value)
    }

    mutating func readMessageBody<M: Message>(into message: inout M) throws {
        try beginMessage()
        try message.decodeText(from: &self)
    }

    /// Map entries: each a message with `key` and `value`, either left out meaning its zero
    /// value; a key given again replaces the entry.
    public mutating func readMap<K: TextCodec, V: TextCodec>(_ key: K.Type, _ value: V.Type, into map: inout [K.Value: V.Value]) throws {
        try colon(required: false)
        let listed = try readList { try $0.readMapEntry(K.self, V.self, into: &map) }
        if !listed { try readMapEntry(K.self, V.self, into: &map) }
    }

    private mutating func readMapEntry<K: TextCodec, V: TextCodec>(_ key: K.Type, _ value: V.Type, into map: inout [K.Value: V.Value]) throws {
        try beginMessage()
        var entryKey: K.Value?
        var entryValue: V.Value?
        while let field = try nextField(in: TextReader.mapEntryNames) {
            if field == 1 {
                guard entryKey == nil else { throw error("a map entry with two keys") }
                entryKey = try read(K.self)
            } else {
                guard entryValue == nil else { throw error("a map entry with two values") }
                entryValue = try read(V.self)
            }
        }
        map[entryKey ?? K.defaultValue] = entryValue ?? V.defaultValue
    }

    static let mapEntryNames = FieldNameTable(textNames: [("key", 1), ("value", 2)])

    /// For a singular field: fails when the message has already set it in this text (the
    /// spec allows one occurrence), or, for a oneof member, when another member was set.
    public func checkOnce(_ seen: inout TextFieldSet, _ number: Int) throws {
        guard seen.insert(number) else { throw error("field \(number) is set twice") }
    }

    /// For a oneof member: fails when another member of the same oneof was already set in this
    /// text.
    public func checkOneofUnset(_ isSet: Bool, _ oneofName: StaticString) throws {
        if isSet { throw error("more than one field of oneof \(oneofName) is set") }
    }
}

/// The field numbers a message's text has set, for the one-occurrence rule.
public struct TextFieldSet {
    private var low: UInt64 = 0
    private var high: Set<Int> = []

    /// No field seen yet.
    public init() {}

    /// False when `number` was already in the set.
    mutating func insert(_ number: Int) -> Bool {
        if number < 64 {
            let bit: UInt64 = 1 << UInt64(number)
            defer { low |= bit }
            return low & bit == 0
        }
        return high.insert(number).inserted
    }
}

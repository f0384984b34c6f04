/// What generated `decodeJSON` calls per field: a value, a list, a map, a nested message.
/// `null` stands for "not set" (nil back, or an empty list or map) but for the types whose
/// value it is.
extension JSONReader {
    /// One value; nil for `null` (not set) or a value to skip.
    @inlinable public mutating func read<C: JSONCodec>(_ codec: C.Type) throws -> C.Value? {
        if !C.readsJSONNull, try consumeNull() { return nil }
        return try C.readJSON(from: &self)
    }

    /// A JSON array into a repeated field, appending; `null` clears the field. A `null`
    /// element is an error (but for google.protobuf.Value), and an error inside names the
    /// element's index in its path.
    @inlinable public mutating func readRepeated<C: JSONCodec>(_ codec: C.Type, into values: inout [C.Value]) throws {
        if try consumeNull() {
            values.removeAll()
            return
        }
        try beginArray()
        var position = 0
        while try nextElement() {
            do {
                if !C.readsJSONNull, peek() == UInt8(ascii: "n") { throw error("null is not allowed in a repeated field") }
                if let value = try C.readJSON(from: &self) { values.append(value) }
            } catch var failure as JSONDecodingError {
                failure.prefixPath("[\(position)]")
                throw failure
            }
            position += 1
        }
    }

    /// A JSON object into a map field, adding entries (a repeated key keeps the last value);
    /// `null` clears the field. Keys are parsed as the key type; a `null` value is an error.
    @inlinable public mutating func readMap<K: JSONMapKeyCodec, V: JSONCodec>(_ key: K.Type, _ value: V.Type, into map: inout [K.Value: V.Value]) throws {
        if try consumeNull() {
            map.removeAll()
            return
        }
        try beginObject()
        while let text = try nextKey() {
            do {
                let mapKey = try K.value(fromJSONKey: text, reader: self)
                if !V.readsJSONNull, peek() == UInt8(ascii: "n") { throw error("null is not allowed as a map value") }
                if let mapValue = try V.readJSON(from: &self) { map[mapKey] = mapValue }
            } catch var failure as JSONDecodingError {
                failure.prefixPath("[\(text)]")
                throw failure
            }
        }
    }

    /// A nested message, merged into `message`; errors inside it gain the path below it.
    @inlinable public mutating func readMessage<M: Message>(into message: inout M) throws {
        let holder = (lastFieldNames, lastFieldNumber, lastFieldDepth)
        let entryDepth = depth
        do {
            try message.decodeJSON(from: &self)
        } catch var failure as JSONDecodingError {
            nameField(of: &failure, objectDepth: entryDepth + 1)
            restoreField(holder)  // the enclosing message names its own field
            throw failure
        }
        restoreField(holder)
    }

    @inlinable mutating func restoreField(_ field: (FieldNameTable?, Int, Int)) {
        if lastFieldNames !== field.0 { lastFieldNames = field.0 }
        lastFieldNumber = field.1
        lastFieldDepth = field.2
    }

    /// Puts the field that was being read in the object at `objectDepth` in front of the path.
    @usableFromInline func nameField(of failure: inout JSONDecodingError, objectDepth: Int) {
        if let names = lastFieldNames, lastFieldNumber != 0, lastFieldDepth == objectDepth {
            failure.prefixPath(names.protoName(for: lastFieldNumber))
        }
    }

    /// A nested message into an optional field: `null` unsets it, an object merges into it.
    @inlinable public mutating func readMessage<M: Message>(into message: inout M?) throws {
        if !M.readsJSONNull, try consumeNull() {
            message = nil
            return
        }
        var value = message ?? M()
        try readMessage(into: &value)
        message = value
    }

    /// The same for a field boxed in ``Indirect``.
    @inlinable public mutating func readMessage<M: Message>(into message: inout Indirect<M>?) throws {
        if !M.readsJSONNull, try consumeNull() {
            message = nil
            return
        }
        var value = message?.value ?? M()
        try readMessage(into: &value)
        message = Indirect(value)
    }

    /// An enum by name or number. A name no value has fails, or under `ignoreUnknownFields`
    /// gives nil (the field stays unset); an unknown number is kept by open enums.
    public mutating func readEnum<E: Enum>(_ type: E.Type) throws -> E? {
        if E.self is any JSONNullEnum.Type, try consumeNull() { return E() }
        if peek() == UInt8(ascii: "\"") {
            let start = index
            let name = try readString()
            if let value = E(protoName: name) { return value }
            if options.ignoreUnknownFields { return nil }
            index = start
            throw error("\"\(name)\" is not a value of \(E.self)")
        }
        let start = index
        let number = try readInt32()
        guard let value = E(rawValue: Int(number)) else {
            if options.ignoreUnknownFields { return nil }
            index = start
            throw error("\(number) is not a value of \(E.self)")
        }
        return value
    }

    /// For a oneof member: fails when another member of the same oneof was already set by
    /// this object (JSON must not name two).
    public func checkOneofUnset(_ isSet: Bool, _ oneofName: StaticString) throws {
        if isSet { throw error("more than one field of oneof \(oneofName) is set") }
    }
}

extension JSONDecodingError {
    /// `name` in front: `a` then `b` gives `a.b`; an index or key joins without a dot, `a[2]`.
    @usableFromInline mutating func prefixPath(_ name: String) {
        path = path.isEmpty || path.hasPrefix("[") ? name + path : name + "." + path
    }
}

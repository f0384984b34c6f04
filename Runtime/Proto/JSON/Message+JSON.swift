/// ProtoJSON in and out, spelled as swift-protobuf spells it.
extension Message {
    /// The message as ProtoJSON, UTF-8 encoded.
    public func jsonUTF8Bytes(options: JSONEncodingOptions = JSONEncodingOptions()) throws -> [UInt8] {
        var writer = JSONWriter(options: options)
        try encodeJSON(to: &writer)
        return writer.output
    }

    /// The message as ProtoJSON text: `{"name":"world"}`.
    ///
    /// - Throws: `JSONEncodingError` when the message has no JSON form: an Any whose type is
    ///   not registered, a Timestamp or Duration out of range, a FieldMask path with no JSON form.
    public func jsonString(options: JSONEncodingOptions = JSONEncodingOptions()) throws -> String {
        String(decoding: try jsonUTF8Bytes(options: options), as: UTF8.self)
    }

    /// Decodes a message from ProtoJSON in UTF-8.
    ///
    /// - Parameters:
    ///   - bytes: the JSON text's UTF-8 bytes.
    ///   - extensions: the extensions `"[pkg.ext]"` members may name.
    ///   - options: nesting limit, and whether unknown members are skipped.
    /// - Throws: `JSONDecodingError` with the byte offset and field path of the problem.
    public init(jsonUTF8Bytes bytes: some ContiguousBytes, extensions: (any ExtensionMap)? = nil,
                options: JSONDecodingOptions = JSONDecodingOptions()) throws {
        self.init()
        try merge(jsonUTF8Bytes: bytes, extensions: extensions, options: options)
    }

    /// Decodes a message from ProtoJSON text.
    ///
    /// - Parameters:
    ///   - jsonString: the JSON text, `{"name":"world"}`.
    ///   - extensions: the extensions `"[pkg.ext]"` members may name.
    ///   - options: nesting limit, and whether unknown members are skipped.
    /// - Throws: `JSONDecodingError` with the byte offset and field path of the problem.
    public init(jsonString: String, extensions: (any ExtensionMap)? = nil, options: JSONDecodingOptions = JSONDecodingOptions()) throws {
        self.init()
        var text = jsonString
        try text.withUTF8 { utf8 in
            try merge(jsonUTF8Bytes: UnsafeRawBufferPointer(utf8), extensions: extensions, options: options)
        }
    }

    /// Merges ProtoJSON into this message: fields it names replace (or, for lists and maps,
    /// extend) what is there.
    public mutating func merge(jsonUTF8Bytes bytes: some ContiguousBytes, extensions: (any ExtensionMap)? = nil,
                               options: JSONDecodingOptions = JSONDecodingOptions()) throws {
        try bytes.withUnsafeBytes { buffer in
            var reader = JSONReader(buffer, options: options)
            reader.extensions = extensions
            if !Self.readsJSONNull, try reader.consumeNull() {
                throw reader.error("null is not a \(Self.protoMessageName)")
            }
            do {
                try decodeJSON(from: &reader)
            } catch var failure as JSONDecodingError {
                reader.nameField(of: &failure, objectDepth: 1)
                throw failure
            }
            try reader.expectEnd()
        }
    }
}

/// What generated `encodeJSON` calls per field.
extension JSONWriter {
    /// One singular field: its name (JSON or proto, per the options), then its value.
    @inlinable public mutating func put<C: JSONCodec>(_ codec: C.Type, _ value: C.Value, _ jsonName: StaticString, _ protoName: StaticString) throws {
        key(jsonName, protoName)
        try C.writeJSON(value, to: &self)
    }

    /// A list; an empty one only with `alwaysPrintFieldsWithDefaultValues`.
    @inlinable public mutating func putRepeated<C: JSONCodec>(_ codec: C.Type, _ values: [C.Value], _ jsonName: StaticString, _ protoName: StaticString) throws {
        guard !values.isEmpty || options.alwaysPrintFieldsWithDefaultValues else { return }
        key(jsonName, protoName)
        beginArray()
        for value in values {
            separator()
            try C.writeJSON(value, to: &self)
        }
        endArray()
    }

    /// A map as an object with string keys; an empty one only with
    /// `alwaysPrintFieldsWithDefaultValues`.
    @inlinable public mutating func putMap<K: JSONMapKeyCodec, V: JSONCodec>(_ keyCodec: K.Type, _ valueCodec: V.Type, _ map: [K.Value: V.Value],
                                                                  _ jsonName: StaticString, _ protoName: StaticString) throws {
        guard !map.isEmpty || options.alwaysPrintFieldsWithDefaultValues else { return }
        key(jsonName, protoName)
        beginObject()
        if options.useDeterministicOrdering {
            for (mapKey, value) in map.map({ (K.jsonKey($0.key), $0.value) }).sorted(by: { $0.0 < $1.0 }) {
                key(mapKey)
                try V.writeJSON(value, to: &self)
            }
        } else {
            for (mapKey, value) in map {
                key(K.jsonKey(mapKey))
                try V.writeJSON(value, to: &self)
            }
        }
        endObject()
    }
}

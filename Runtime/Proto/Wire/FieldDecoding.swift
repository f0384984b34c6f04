/// Field-level reads that generated `decodeMessage` calls, one per field shape.
extension BinaryDecoder {
    /// One singular value of the field whose tag was just read.
    @inlinable
    public mutating func decode<C: FieldCodec>(_ codec: C.Type) throws -> C.Value {
        try C.decode(from: &self)
    }

    /// A repeated scalar in either form: the decoder accepts packed and unpacked for every
    /// packable type, whatever the schema says, as the spec requires.
    @inlinable
    public mutating func decodeRepeated<C: PackableCodec>(_ codec: C.Type, into values: inout [C.Value]) throws {
        guard tag & 7 == WireType.lengthDelimited.rawValue else {
            values.append(try C.decode(from: &self))
            return
        }
        let length = try decodeLength()
        if let size = C.fixedSize {
            guard length % size == 0 else { throw error(.trailingBytesInPacked) }
            values.reserveCapacity(values.count + length / size)
        }
        try withLimit(length) { decoder in
            while !decoder.isAtLimit {
                values.append(try C.decode(from: &decoder))
            }
        }
    }

    /// Appends a new message and decodes into it in place: no copy of a large struct.
    @inlinable
    public mutating func decodeRepeatedMessage<M: Message>(into values: inout [M]) throws {
        values.append(M())
        try decodeMessage(into: &values[values.count - 1])
    }

    /// Appends a new message and decodes the group into it in place.
    @inlinable
    public mutating func decodeRepeatedGroup<M: Message>(into values: inout [M]) throws {
        values.append(M())
        try decodeGroup(into: &values[values.count - 1])
    }

    /// One map entry (a submessage with key = 1 and value = 2); absent parts take their
    /// defaults and a repeated key keeps the last value.
    @inlinable
    public mutating func decodeMapEntry<K: FieldCodec, V: FieldCodec>(
        _ key: K.Type, _ value: V.Type, into map: inout [K.Value: V.Value]
    ) throws where K.Value: Hashable {
        let length = try decodeLength()
        guard depthRemaining > 0 else { throw error(.depthLimitExceeded) }
        depthRemaining -= 1
        let entry: (K.Value, V.Value) = try withLimit(length) { decoder in
            var k = K.defaultValue
            var v = V.defaultValue
            while let entryTag = try decoder.nextTag() {
                switch entryTag {
                case K.tag(1): k = try K.decode(from: &decoder)
                case V.tag(2): v = try V.decode(from: &decoder)
                default: try decoder.skipField()
                }
            }
            return (k, v)
        }
        depthRemaining += 1
        map[entry.0] = entry.1
    }

    // MARK: Closed enums: unknown values go to the unknown fields, as proto2 requires.

    /// The enum value, or nil after putting an unrecognised value into `unknown`.
    @inlinable
    public mutating func decodeClosedEnum<E: Enum>(_ type: E.Type, unknown: inout UnknownStorage) throws -> E? {
        let fieldTag = tag
        let raw = try ProtoEnum<E>.decodeRaw(from: &self)
        if let value = E(rawValue: raw) { return value }
        unknown.appendVarintField(fieldNumber: fieldTag >> 3, value: UInt64(bitPattern: Int64(raw)))
        return nil
    }

    /// A repeated closed enum, packed or not: known values are appended, each unknown one is
    /// put into `unknown` as its own varint field, as proto2 requires.
    @inlinable
    public mutating func decodeRepeatedClosedEnum<E: Enum>(into values: inout [E], unknown: inout UnknownStorage) throws {
        let fieldNumber = tag >> 3
        var raws: [Int32] = []
        try decodeRepeated(ProtoInt32.self, into: &raws)
        for raw in raws {
            if let value = E(rawValue: Int(raw)) {
                values.append(value)
            } else {
                unknown.appendVarintField(fieldNumber: fieldNumber, value: UInt64(bitPattern: Int64(raw)))
            }
        }
    }

    /// A map entry whose value is a closed enum: an unknown value sends the whole entry to `unknown`.
    @inlinable
    public mutating func decodeMapEntryWithClosedEnum<K: FieldCodec, E: Enum>(
        _ key: K.Type, into map: inout [K.Value: E], unknown: inout UnknownStorage
    ) throws where K.Value: Hashable {
        let fieldTag = tag
        let entryStart = cursor
        var raws: [K.Value: Int32] = [:]
        try decodeMapEntry(K.self, ProtoInt32.self, into: &raws)
        let (k, raw) = raws.first!
        if let value = E(rawValue: Int(raw)) {
            map[k] = value
        } else {
            unknown.appendField(tag: fieldTag, value: bytes(since: entryStart))
        }
    }
}

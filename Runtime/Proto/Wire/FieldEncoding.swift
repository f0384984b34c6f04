/// Field-level writes that generated `encodeMessage` calls. Like every encoder write they
/// go back to front: value first, then its tag.
extension BinaryEncoder {
    /// One singular field: its value, then `tag`.
    @inlinable @inline(__always)
    public mutating func put<C: FieldCodec>(_ codec: C.Type, _ value: C.Value, tag: UInt32) {
        C.encode(value, to: &self)
        putTag(tag)
    }

    // Loops below index an unsafe buffer: iterating the array would copy (retain and release)
    // every element, which for messages and strings costs more than encoding them.

    /// A repeated field unpacked: one tag and value per element, in order.
    @inlinable
    public mutating func putRepeated<C: FieldCodec>(_ codec: C.Type, _ values: [C.Value], tag: UInt32) {
        values.withUnsafeBufferPointer { buffer in
            var index = buffer.count
            while index > 0 {
                index -= 1
                C.encode(buffer[index], to: &self)
                putTag(tag)
            }
        }
    }

    /// A repeated scalar packed: one length-delimited field holding every element; nothing at
    /// all for an empty list. `tag` must carry the length-delimited wire type.
    @inlinable
    public mutating func putPacked<C: PackableCodec>(_ codec: C.Type, _ values: [C.Value], tag: UInt32) {
        guard !values.isEmpty else { return }
        let mark = count
        values.withUnsafeBufferPointer { buffer in
            var index = buffer.count
            while index > 0 {
                index -= 1
                C.encode(buffer[index], to: &self)
            }
        }
        putLength(since: mark)
        putTag(tag)
    }

    /// A repeated message field: one length-delimited submessage per element.
    @inlinable
    public mutating func putRepeatedMessage<M: Message>(_ values: [M], tag: UInt32) {
        values.withUnsafeBufferPointer { buffer in
            var index = buffer.count
            while index > 0 {
                index -= 1
                let mark = count
                buffer[index].encodeMessage(to: &self)
                putLength(since: mark)
                putTag(tag)
            }
        }
    }

    /// A repeated group: each element between a start-group and an end-group tag.
    @inlinable
    public mutating func putRepeatedGroup<M: Message>(_ values: [M], fieldNumber: UInt32) {
        values.withUnsafeBufferPointer { buffer in
            var index = buffer.count
            while index > 0 {
                index -= 1
                putTag(WireFormat.tag(fieldNumber: fieldNumber, wireType: .endGroup))
                buffer[index].encodeMessage(to: &self)
                putTag(WireFormat.tag(fieldNumber: fieldNumber, wireType: .startGroup))
            }
        }
    }

    /// Each entry as a submessage holding key (1) and value (2); both are always written.
    @inlinable
    public mutating func putMap<K: FieldCodec, V: FieldCodec>(
        _ key: K.Type, _ value: V.Type, _ map: [K.Value: V.Value], tag: UInt32
    ) {
        for (k, v) in map {
            let mark = count
            V.encode(v, to: &self)
            putTag(V.tag(2))
            K.encode(k, to: &self)
            putTag(K.tag(1))
            putLength(since: mark)
            putTag(tag)
        }
    }
}

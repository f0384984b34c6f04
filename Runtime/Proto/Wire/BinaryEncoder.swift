/// Writes the protobuf binary format back to front.
///
/// Encoding from the end means a length-delimited field's length is known the moment its
/// contents are written, so nested messages cost one pass with no size pre-computation, and a
/// frame header (gRPC's 5-byte prefix) can be put in front without moving the message.
/// Generated `encodeMessage` therefore writes fields in descending field-number order, unknown
/// fields first, so the bytes read in ascending order.
public struct BinaryEncoder: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    /// First written byte; the next write ends here.
    @usableFromInline var cursor: UnsafeMutablePointer<UInt8>
    /// Whether `base` is ours to free (not while it is a caller's buffer, before the first growth).
    @usableFromInline var ownsBase = true

    /// An encoder with room for `capacity` bytes before it first grows (it doubles as needed).
    /// Since writing goes back to front, a header written last lands in front of the message
    /// without moving it.
    public init(capacity: Int = 256) {
        let size = max(capacity, 16)
        base = .allocate(capacity: size)
        self.capacity = size
        cursor = base + size
    }

    /// An encoder writing into `buffer` (a stack buffer, say) until it needs more room; the
    /// buffer must outlive the encoder. Spares a small message's encoding a heap allocation.
    public init(borrowing buffer: UnsafeMutableBufferPointer<UInt8>) {
        base = buffer.baseAddress!
        capacity = buffer.count
        cursor = base + buffer.count
        ownsBase = false
    }

    deinit { if ownsBase { base.deallocate() } }

    /// How much room callers that encode into a stack buffer give it.
    public static let stackCapacity = 512

    /// Bytes written so far.
    @inlinable
    public var count: Int { base + capacity - cursor }

    /// The written bytes in reading order.
    public consuming func finish() -> [UInt8] {
        // Not `Array(unsafeUninitializedCapacity:)`: that one allocates through an unspecialised
        // standard-library entry point that looks the array's metadata up in a hash table on
        // every call (a fifth of a small message's serialize); this copy is specialised here.
        Array(UnsafeBufferPointer(start: cursor, count: count))
    }

    /// Calls `body` with the written bytes in reading order, without copying them.
    public func withWrittenBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: cursor, count: count))
    }

    @inlinable @inline(__always)
    mutating func reserve(_ needed: Int) {
        if cursor - base < needed { grow(needed) }
    }

    @usableFromInline
    mutating func grow(_ needed: Int) {
        let written = count
        let newCapacity = max(capacity * 2, written + needed + 64)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        let newCursor = newBase + newCapacity - written
        newCursor.update(from: cursor, count: written)
        if ownsBase { base.deallocate() }
        ownsBase = true
        base = newBase
        capacity = newCapacity
        cursor = newCursor
    }

    // MARK: Primitives (each writes in front of what is already there)

    /// Writes `value` as a varint in front of what is written. The one-byte case (most
    /// lengths, enums, small numbers) is inlined where it is called; longer ones are not.
    @inlinable @inline(__always)
    public mutating func putVarint(_ value: UInt64) {
        if value < 0x80 {
            reserve(1)
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: value)
            return
        }
        putLongVarint(value)
    }

    /// A varint of two bytes or more.
    @usableFromInline
    mutating func putLongVarint(_ value: UInt64) {
        let size = WireFormat.varintSize(value)
        reserve(size)
        cursor -= size
        var p = cursor
        var v = value
        while v >= 0x80 {
            p.pointee = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            p += 1
        }
        p.pointee = UInt8(truncatingIfNeeded: v)
    }

    /// Writes a tag (a varint); call it after the field's value, since writing goes back to front.
    /// Generated code passes constants, so the size tests fold away: a tag becomes one or two
    /// byte stores.
    @inlinable @inline(__always)
    public mutating func putTag(_ tag: UInt32) {
        if tag < 0x80 {
            reserve(1)
            cursor -= 1
            cursor.pointee = UInt8(truncatingIfNeeded: tag)
        } else if tag < 0x4000 {
            reserve(2)
            cursor -= 2
            cursor[0] = UInt8(truncatingIfNeeded: tag) | 0x80
            cursor[1] = UInt8(truncatingIfNeeded: tag >> 7)
        } else {
            putLongVarint(UInt64(tag))
        }
    }

    /// Writes one byte.
    @inlinable
    public mutating func putByte(_ byte: UInt8) {
        reserve(1)
        cursor -= 1
        cursor.pointee = byte
    }

    /// Writes four little-endian bytes.
    @inlinable
    public mutating func putFixed32(_ value: UInt32) {
        reserve(4)
        cursor -= 4
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt32.self)
    }

    /// Writes eight little-endian bytes.
    @inlinable
    public mutating func putFixed64(_ value: UInt64) {
        reserve(8)
        cursor -= 8
        UnsafeMutableRawPointer(cursor).storeBytes(of: value.littleEndian, as: UInt64.self)
    }

    /// Copies `bytes` as they are, with no length prefix.
    @inlinable
    public mutating func putRawBytes(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return }
        reserve(bytes.count)
        cursor -= bytes.count
        UnsafeMutableRawPointer(cursor).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
    }

    /// Copies `bytes` as they are, with no length prefix.
    @inlinable
    public mutating func putRawBytes(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { putRawBytes($0) }
    }

    /// Writes a string's UTF-8 bytes with no length prefix (see ``putLength(since:)``).
    @inlinable
    public mutating func putString(_ value: String) {
        // A native string lends its storage as it is; only another kind needs a copy made
        // contiguous (`withUTF8` would copy the String value, retaining and releasing it).
        let done: Void? = value.utf8.withContiguousStorageIfAvailable { putRawBytes(UnsafeRawBufferPointer($0)) }
        if done == nil {
            var copy = value
            copy.withUTF8 { putRawBytes(UnsafeRawBufferPointer($0)) }
        }
    }

    /// Writes the length prefix for everything written since `mark` (a previous `count`).
    @inlinable @inline(__always)
    public mutating func putLength(since mark: Int) {
        putVarint(UInt64(count - mark))
    }

    // MARK: Nested messages

    /// Writes a submessage field: its fields, then its length, then `tag`.
    @inlinable
    public mutating func putMessage<M: Message>(_ message: M, tag: UInt32) {
        let mark = count
        message.encodeMessage(to: &self)
        putLength(since: mark)
        putTag(tag)
    }

    /// A proto2 group: start tag, fields, end tag (written here in reverse).
    @inlinable
    public mutating func putGroup<M: Message>(_ message: M, fieldNumber: UInt32) {
        putTag(WireFormat.tag(fieldNumber: fieldNumber, wireType: .endGroup))
        message.encodeMessage(to: &self)
        putTag(WireFormat.tag(fieldNumber: fieldNumber, wireType: .startGroup))
    }

    /// Writes a message's unknown fields back byte for byte; generated code writes them first,
    /// so they come last on the wire.
    @inlinable
    public mutating func putUnknown(_ unknown: UnknownStorage) {
        putRawBytes(unknown.data)
    }
}

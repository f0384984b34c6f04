/// Reads the protobuf binary format from a borrowed buffer.
///
/// Every read is checked against `limit`, the end of the innermost length-delimited field, so
/// no input can make it read out of bounds. Generated `decodeMessage` loops over `nextTag()` and
/// switches on the whole tag, so a field arriving with an unexpected wire type falls through to
/// the unknown fields, as the C++ parser does.
public struct BinaryDecoder: ~Copyable {
    @usableFromInline var cursor: UnsafePointer<UInt8>
    @usableFromInline var limit: UnsafePointer<UInt8>
    @usableFromInline let start: UnsafePointer<UInt8>
    /// How many more levels of submessages and groups may be entered.
    @usableFromInline var depthRemaining: Int
    /// Field number of the group being decoded, 0 outside a group.
    @usableFromInline var openGroup: UInt32 = 0
    /// The tag most recently returned by `nextTag()`.
    @usableFromInline var tag: UInt32 = 0
    /// The extensions extension-range fields are decoded as (the rest stay unknown fields).
    public var extensions: (any ExtensionMap)?

    /// How deep submessages and groups may nest before decoding fails with
    /// ``BinaryDecodingError/Kind/depthLimitExceeded``: 100, as in the C++ runtime.
    public static let defaultRecursionLimit = 100

    /// A decoder over `buffer`, which must stay valid while the decoder is used (strings and
    /// bytes are copied out, nothing else is kept).
    ///
    /// - Parameters:
    ///   - buffer: the encoded bytes.
    ///   - recursionLimit: how deep messages may nest in this input.
    public init(_ buffer: UnsafeRawBufferPointer, recursionLimit: Int = BinaryDecoder.defaultRecursionLimit) {
        // An empty buffer has no base address; any non-null pointer works, it is never read.
        let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? UnsafePointer(bitPattern: 1)!
        self.cursor = base
        self.start = base
        self.limit = base + buffer.count
        self.depthRemaining = recursionLimit
    }

    /// The field number of the tag ``nextTag()`` returned last.
    public var fieldNumber: UInt32 { tag >> 3 }

    @usableFromInline
    func error(_ kind: BinaryDecodingError.Kind) -> BinaryDecodingError {
        BinaryDecodingError(kind, offset: cursor - start, fieldNumber: tag >> 3)
    }

    // MARK: Tags

    /// The next field's tag, or nil at the end of the message (or of the open group).
    @inlinable
    public mutating func nextTag() throws -> UInt32? {
        if cursor == limit {
            if openGroup != 0 { throw error(.unclosedGroup) }
            return nil
        }
        let first = cursor.pointee
        let value: UInt32
        if first < 0x80 {
            value = UInt32(first)
            cursor += 1
        } else {
            value = try decodeMultiByteTag()
        }
        let wireType = value & 7
        if value >> 3 == 0 { throw error(.invalidFieldNumber) }
        if wireType == WireType.endGroup.rawValue {
            guard value >> 3 == openGroup else {
                tag = value
                throw error(.endGroupMismatch)
            }
            openGroup = 0
            return nil
        }
        if wireType > WireType.fixed32.rawValue {
            tag = value
            throw error(.invalidWireType)
        }
        tag = value
        return value
    }

    @usableFromInline
    mutating func decodeMultiByteTag() throws -> UInt32 {
        let value = try decodeVarint()
        guard value <= UInt64(UInt32.max) else { throw error(.invalidTag) }
        return UInt32(truncatingIfNeeded: value)
    }

    // MARK: Primitives

    /// A varint of up to ten bytes. Past the 64th bit the tenth byte's extra bits are dropped,
    /// as the C++ parser drops them.
    ///
    /// - Throws: ``BinaryDecodingError`` when the input ends first or the varint is longer than
    ///   ten bytes.
    @inlinable
    public mutating func decodeVarint() throws -> UInt64 {
        if cursor < limit, cursor.pointee < 0x80 {
            let byte = cursor.pointee
            cursor += 1
            return UInt64(byte)
        }
        if limit - cursor >= 10 { return try decodeVarintUnchecked() }
        return try decodeVarintSlowPath()
    }

    /// With ten bytes known to remain, no byte needs its own bounds check.
    @inlinable
    mutating func decodeVarintUnchecked() throws -> UInt64 {
        var p = cursor
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while shift < 63 {
            let byte = p.pointee
            p += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 {
                cursor = p
                return result
            }
            shift += 7
        }
        // The tenth byte may only contribute its lowest bit; the rest is discarded as C++ does.
        let last = p.pointee
        guard last < 0x80 else { throw error(.varintTooLong) }
        cursor = p + 1
        return result | UInt64(last) << 63
    }

    @usableFromInline
    mutating func decodeVarintSlowPath() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        var p = cursor
        while true {
            guard p < limit else { throw error(.truncated) }
            let byte = p.pointee
            p += 1
            // A 10th byte may only contribute its lowest bit; the rest is discarded as C++ does.
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { break }
            shift += 7
            if shift == 70 { throw error(.varintTooLong) }
        }
        cursor = p
        return result
    }

    /// Four little-endian bytes.
    @inlinable
    public mutating func decodeFixed32() throws -> UInt32 {
        guard limit - cursor >= 4 else { throw error(.truncated) }
        let value = UnsafeRawPointer(cursor).loadUnaligned(as: UInt32.self)
        cursor += 4
        return UInt32(littleEndian: value)
    }

    /// Eight little-endian bytes.
    @inlinable
    public mutating func decodeFixed64() throws -> UInt64 {
        guard limit - cursor >= 8 else { throw error(.truncated) }
        let value = UnsafeRawPointer(cursor).loadUnaligned(as: UInt64.self)
        cursor += 8
        return UInt64(littleEndian: value)
    }

    /// Reads a length prefix and checks that many bytes remain.
    @inlinable
    public mutating func decodeLength() throws -> Int {
        let length = try decodeVarint()
        guard length <= UInt64(limit - cursor) else { throw error(.lengthOutOfBounds) }
        return Int(length)
    }

    /// A length-delimited string, checked to be UTF-8 as it is copied into the `String`.
    @inlinable
    public mutating func decodeString() throws -> String {
        let length = try decodeLength()
        let bytes = UnsafeBufferPointer(start: cursor, count: length)
        guard let string = UTF8Validation.string(from: bytes) else { throw error(.invalidUTF8) }
        cursor += length
        return string
    }

    /// A length-delimited `bytes` value, copied out of the input.
    @inlinable
    public mutating func decodeBytes() throws -> [UInt8] {
        let length = try decodeLength()
        let bytes = [UInt8](UnsafeBufferPointer(start: cursor, count: length))
        cursor += length
        return bytes
    }

    // MARK: Nested messages

    /// Decodes a length-delimited submessage, merging into `message`.
    @inlinable
    public mutating func decodeMessage<M: Message>(into message: inout M) throws {
        let length = try decodeLength()
        guard depthRemaining > 0 else { throw error(.depthLimitExceeded) }
        let outerLimit = limit
        let outerGroup = openGroup
        limit = cursor + length
        openGroup = 0
        depthRemaining -= 1
        try message.decodeMessage(from: &self)
        depthRemaining += 1
        limit = outerLimit
        openGroup = outerGroup
    }

    /// Decodes a submessage into an optional field: creates it when unset, merges into it
    /// when set (a message field that occurs twice merges, as the spec says).
    @inlinable
    public mutating func decodeMessage<M: Message>(into message: inout M?) throws {
        if message == nil { message = M() }
        try decodeMessage(into: &message!)
    }

    /// The same for a field boxed in ``Indirect`` because it closes a cycle of messages.
    @inlinable
    public mutating func decodeMessage<M: Message>(into message: inout Indirect<M>?) throws {
        if message == nil { message = Indirect(M()) }
        try decodeMessage(into: &message!.value)
    }

    /// Decodes a proto2 group whose start tag was just read, merging into `message`.
    @inlinable
    public mutating func decodeGroup<M: Message>(into message: inout M) throws {
        guard depthRemaining > 0 else { throw error(.depthLimitExceeded) }
        let outerGroup = openGroup
        openGroup = tag >> 3
        depthRemaining -= 1
        // Returns once nextTag() has met the matching end-group tag (it throws at the end of input).
        try message.decodeMessage(from: &self)
        depthRemaining += 1
        openGroup = outerGroup
    }

    /// Decodes a group into an optional field, creating it when unset.
    @inlinable
    public mutating func decodeGroup<M: Message>(into message: inout M?) throws {
        if message == nil { message = M() }
        try decodeGroup(into: &message!)
    }

    /// The same for a group boxed in ``Indirect``.
    @inlinable
    public mutating func decodeGroup<M: Message>(into message: inout Indirect<M>?) throws {
        if message == nil { message = Indirect(M()) }
        try decodeGroup(into: &message!.value)
    }

    // MARK: Unknown fields

    /// Skips the field whose tag was just read, appending its bytes (tag included) to `unknown`.
    public mutating func skipField(into unknown: inout UnknownStorage) throws {
        let fieldTag = tag
        let valueStart = cursor
        try skipValue(wireType: fieldTag & 7, fieldNumber: fieldTag >> 3)
        unknown.appendField(tag: fieldTag, value: UnsafeBufferPointer(start: valueStart, count: cursor - valueStart))
    }

    /// Skips the field whose tag was just read, keeping nothing.
    public mutating func skipField() throws {
        try skipValue(wireType: tag & 7, fieldNumber: tag >> 3)
    }

    mutating func skipValue(wireType: UInt32, fieldNumber: UInt32) throws {
        switch wireType {
        case WireType.varint.rawValue: _ = try decodeVarint()
        case WireType.fixed64.rawValue: _ = try decodeFixed64()
        case WireType.fixed32.rawValue: _ = try decodeFixed32()
        case WireType.lengthDelimited.rawValue: cursor += try decodeLength()
        case WireType.startGroup.rawValue: try skipGroup(fieldNumber: fieldNumber)
        default: throw error(.invalidWireType)
        }
    }

    mutating func skipGroup(fieldNumber: UInt32) throws {
        guard depthRemaining > 0 else { throw error(.depthLimitExceeded) }
        depthRemaining -= 1
        let outerGroup = openGroup
        openGroup = fieldNumber
        while let inner = try nextTag() {
            try skipValue(wireType: inner & 7, fieldNumber: inner >> 3)
        }
        openGroup = outerGroup
        depthRemaining += 1
    }

    // MARK: Scoped reads

    /// Runs `body` with the limit narrowed to the next `length` bytes; used by packed fields and map entries.
    @inlinable
    public mutating func withLimit<R>(_ length: Int, _ body: (inout BinaryDecoder) throws -> R) throws -> R {
        let outerLimit = limit
        let outerGroup = openGroup
        limit = cursor + length
        openGroup = 0
        let result = try body(&self)
        limit = outerLimit
        openGroup = outerGroup
        return result
    }

    /// Whether the current scope (the message, packed field or map entry being read) has no
    /// bytes left.
    @inlinable
    public var isAtLimit: Bool { cursor == limit }

    /// The raw bytes from `from` to the current position; used to move a field into unknown storage.
    @inlinable
    func bytes(since from: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: from, count: cursor - from)
    }
}

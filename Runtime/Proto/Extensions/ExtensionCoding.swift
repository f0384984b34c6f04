/// Extension fields in each format: what generated code of extensible messages calls.

/// The field number nextField returns for an extension member (`"[pkg.ext]"`, `[pkg.ext]`);
/// real field numbers are positive.
public let extensionFieldMarker = -1

extension BinaryDecoder {
    /// The field whose tag was just read lies in an extension range: it becomes an extension
    /// value when the decoder's extension map knows it, else an unknown field.
    public mutating func decodeExtensionField<M: ExtensibleMessage>(
        into values: inout ExtensionFieldValueSet, messageType: M.Type, unknown: inout UnknownStorage
    ) throws {
        guard let ext = extensions?[M.self, Int(tag >> 3)] else {
            try skipField(into: &unknown)
            return
        }
        let start = cursor
        let fieldTag = tag
        do {
            try ext._decode(from: &self, into: &values)
        } catch let failure as BinaryDecodingError where failure.kind == .invalidWireType || failure.kind == .truncated {
            throw failure
        } catch {
            // A wire type the extension does not take: keep the field as it came.
            cursor = start
            tag = fieldTag
            try skipField(into: &unknown)
        }
    }

    /// MessageSet's wire format: each extension in an `Item` group (field 1) holding
    /// `type_id` (2) and `message` (3). Items of unknown types stay, whole, in `unknown`.
    public mutating func decodeMessageSet<M: ExtensibleMessage>(
        into values: inout ExtensionFieldValueSet, messageType: M.Type, unknown: inout UnknownStorage
    ) throws {
        while let fieldTag = try nextTag() {
            guard fieldTag == WireFormat.tag(fieldNumber: 1, wireType: .startGroup) else {
                try skipField(into: &unknown)
                continue
            }
            let itemStart = cursor
            let outerGroup = openGroup
            openGroup = 1
            var typeID: Int?
            var message: [UInt8]?
            while let inner = try nextTag() {
                switch inner {
                case WireFormat.tag(fieldNumber: 2, wireType: .varint): typeID = Int(Int32(truncatingIfNeeded: try decodeVarint()))
                case WireFormat.tag(fieldNumber: 3, wireType: .lengthDelimited): message = try decodeBytes()
                default: try skipField()
                }
            }
            openGroup = outerGroup
            if let typeID, let message, let ext = extensions?[M.self, typeID] {
                // The message as the extension's decoder expects it: a length, then the bytes.
                var framed = [UInt8]()
                var length = UInt64(message.count)
                while length >= 0x80 {
                    framed.append(UInt8(truncatingIfNeeded: length) | 0x80)
                    length >>= 7
                }
                framed.append(UInt8(length))
                framed += message
                try framed.withUnsafeBytes { buffer in
                    var itemDecoder = BinaryDecoder(buffer, recursionLimit: depthRemaining)
                    itemDecoder.extensions = extensions
                    itemDecoder.tag = WireFormat.tag(fieldNumber: UInt32(typeID), wireType: .lengthDelimited)
                    try ext._decode(from: &itemDecoder, into: &values)
                }
            } else {
                unknown.appendField(tag: fieldTag, value: UnsafeBufferPointer(start: itemStart, count: cursor - itemStart))
            }
        }
    }
}

extension BinaryEncoder {
    /// Every extension field, in descending number order (the encoder writes back to front).
    public mutating func putExtensions(_ values: ExtensionFieldValueSet) {
        guard !values.isEmpty else { return }
        for (_, entry) in values.sorted.reversed() {
            entry.ext._encode(entry.value, to: &self)
        }
    }

    /// MessageSet's items: `Item { type_id: N message: <bytes> }` per extension.
    public mutating func putMessageSet(_ values: ExtensionFieldValueSet) {
        for (number, entry) in values.sorted.reversed() {
            putTag(WireFormat.tag(fieldNumber: 1, wireType: .endGroup))
            // The extension writes its message under its own number; the item wants it as
            // field 3: write it, then replace the tag in front of it.
            let mark = count
            entry.ext._encode(entry.value, to: &self)
            let written = count - mark
            let tagLength = withWrittenBytes { bytes in
                var decoder = BinaryDecoder(UnsafeRawBufferPointer(rebasing: bytes[..<written]))
                _ = try? decoder.nextTag()
                return decoder.cursor - decoder.start
            }
            cursor += tagLength
            putTag(WireFormat.tag(fieldNumber: 3, wireType: .lengthDelimited))
            putVarint(UInt64(number))
            putTag(WireFormat.tag(fieldNumber: 2, wireType: .varint))
            putTag(WireFormat.tag(fieldNumber: 1, wireType: .startGroup))
        }
    }
}

extension JSONWriter {
    /// `"[pkg.ext]": value` for each extension field.
    public mutating func putExtensions(_ values: ExtensionFieldValueSet) throws {
        for (_, entry) in values.sorted {
            key("[\(entry.ext.fieldName)]")
            try entry.ext._writeJSON(entry.value, to: &self)
        }
    }
}

extension TextPrinter {
    /// `[pkg.ext]: value` (or `[pkg.ext] { … }`) for each extension field.
    public mutating func printExtensions(_ values: ExtensionFieldValueSet) {
        for (_, entry) in values.sorted {
            entry.ext._printText(entry.value, to: &self)
        }
    }
}

extension JSONReader {
    /// The extension member nextField just reported with `extensionFieldMarker`.
    public mutating func readExtension(into values: inout ExtensionFieldValueSet) throws {
        guard let ext = pendingExtension else { throw error("no extension member was read") }
        pendingExtension = nil
        try ext._readJSON(from: &self, into: &values)
    }
}

extension TextReader {
    /// The extension field `nextField` just reported with `extensionFieldMarker`: reads its
    /// value into `values`.
    public mutating func readExtension(into values: inout ExtensionFieldValueSet) throws {
        guard let ext = pendingExtension else { throw error("no extension field was read") }
        pendingExtension = nil
        try ext._readText(from: &self, into: &values)
    }
}

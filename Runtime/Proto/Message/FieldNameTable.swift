/// A message's field names to field numbers, looked up straight from the input's bytes: no
/// String is made per member. JSON lists each field's JSON name and proto name, text format
/// its proto name (a group's type name). One table per message type and format, built once
/// from the list the generated code gives.
public final class FieldNameTable: Sendable {
    /// Open addressing over a power-of-two table; each slot indexes `entries`.
    private let slots: [Int32]
    private let entries: [(hash: UInt64, name: [UInt8], number: Int)]
    private let protoNames: [Int: String]

    /// `fields`: (JSON name, proto name, number) per field; the proto name is the one errors
    /// use. Both names are looked up.
    public init(_ fields: [(json: String, proto: String, number: Int)]) {
        var entries: [(hash: UInt64, name: [UInt8], number: Int)] = []
        var protoNames: [Int: String] = [:]
        for field in fields {
            protoNames[field.number] = field.proto
            for name in Set([field.json, field.proto]) {
                let bytes = Array(name.utf8)
                entries.append((FieldNameTable.hash(bytes.withUnsafeBytes { $0 }), bytes, field.number))
            }
        }
        var size = 8
        while size < entries.count * 2 { size *= 2 }
        var slots = [Int32](repeating: -1, count: size)
        for (position, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & (size - 1)
            while slots[slot] >= 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(position)
        }
        self.slots = slots
        self.entries = entries
        self.protoNames = protoNames
    }

    /// The field number a name (its raw UTF-8, as read from the input) stands for; nil when no
    /// field has that name.
    public func number(for name: UnsafeRawBufferPointer) -> Int? {
        let hash = FieldNameTable.hash(name)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let position = slots[slot]
            if position < 0 { return nil }
            let entry = entries[Int(position)]
            if entry.hash == hash && entry.name.count == name.count
                && (name.isEmpty || entry.name.withUnsafeBytes({ UTF8Validation.equal($0.baseAddress!, name.baseAddress!, count: name.count) })) {
                return entry.number
            }
            slot = (slot + 1) & mask
        }
    }

    /// Text format: one name per field.
    public convenience init(textNames fields: [(name: String, number: Int)]) {
        self.init(fields.map { ($0.name, $0.name, $0.number) })
    }

    /// The field's proto name, as error paths show it; the number itself for an unknown one.
    public func protoName(for number: Int) -> String {
        protoNames[number] ?? String(number)
    }

    /// FNV-1a.
    static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return hash
    }
}

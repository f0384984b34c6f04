/// The extension fields set on one message, by field number, each with the extension that
/// knows its type.
public struct ExtensionFieldValueSet: Hashable, Sendable {
    struct Entry: Sendable {
        let ext: any AnyMessageExtension
        var value: any Sendable
    }

    private var entries: [Int: Entry] = [:]

    /// No extension set.
    public init() {}

    /// Whether no extension is set.
    public var isEmpty: Bool { entries.isEmpty }

    func value(forNumber number: Int) -> (any Sendable)? {
        entries[number]?.value
    }

    mutating func set(_ value: any Sendable, for ext: any AnyMessageExtension) {
        entries[ext.fieldNumber] = Entry(ext: ext, value: value)
    }

    mutating func remove(_ number: Int) {
        entries[number] = nil
    }

    /// In field-number order (ascending), so every format writes them deterministically.
    var sorted: [(number: Int, entry: Entry)] {
        entries.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether the message values among the extensions have all their required fields.
    public var isInitialized: Bool {
        entries.values.allSatisfy { $0.ext._isInitialized($0.value) }
    }

    /// Equal when the same extensions are set to equal values.
    public static func == (lhs: ExtensionFieldValueSet, rhs: ExtensionFieldValueSet) -> Bool {
        guard lhs.entries.count == rhs.entries.count else { return false }
        for (number, entry) in lhs.entries {
            guard let other = rhs.entries[number], entry.ext._isEqual(entry.value, other.value) else { return false }
        }
        return true
    }

    /// Hashes the set extensions and their values in field-number order, so equal sets hash alike.
    public func hash(into hasher: inout Hasher) {
        for (number, entry) in sorted {
            hasher.combine(number)
            entry.ext._hash(entry.value, into: &hasher)
        }
    }
}

/// Copy-on-write heap storage for a message field that would otherwise make a struct contain
/// itself (a message reachable from its own fields). The plugin uses it only on such cycles.
public struct Indirect<Value: Hashable & Sendable>: Hashable, Sendable {
    @usableFromInline
    final class Storage: @unchecked Sendable {
        // Mutated only when uniquely referenced (see `value`'s _modify), so sharing is safe.
        @usableFromInline var value: Value
        @usableFromInline init(_ value: Value) { self.value = value }
    }

    @usableFromInline var storage: Storage

    @inlinable
    public init(_ value: Value) { storage = Storage(value) }

    @inlinable
    public var value: Value {
        get { storage.value }
        _modify {
            if !isKnownUniquelyReferenced(&storage) {
                storage = Storage(storage.value)
            }
            yield &storage.value
        }
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.value == rhs.storage.value
    }

    public func hash(into hasher: inout Hasher) {
        storage.value.hash(into: &hasher)
    }
}

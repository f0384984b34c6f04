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

    /// A box holding `value`.
    @inlinable
    public init(_ value: Value) { storage = Storage(value) }

    /// The boxed value; mutating it copies the box first when it is shared, so boxes keep
    /// value semantics.
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

    /// Equal when the boxed values are (a shared box is equal without comparing).
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.value == rhs.storage.value
    }

    /// Hashes the boxed value, so a box hashes as its content.
    public func hash(into hasher: inout Hasher) {
        storage.value.hash(into: &hasher)
    }
}

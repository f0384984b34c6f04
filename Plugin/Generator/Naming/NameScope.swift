/// The names taken in one Swift scope: a message's members, an enum's cases, a service's
/// methods. Proto names that Swift spells alike (`field_name` and `FieldName` are both
/// `fieldName`) would be redeclarations; the later one gets a discriminator appended, so
/// earlier names never change when a later element is added.
struct NameScope {
    private var taken: Set<String>

    init(reserving names: some Sequence<String>) {
        taken = Set(names)
    }

    /// `name`, or `name_discriminator` when `name` or one of the names it brings along (a
    /// field's `hasName`) is taken.
    mutating func claim(_ name: String, discriminator: String, bringing companions: [String] = []) -> String {
        let clashes = taken.contains(name) || companions.contains { taken.contains($0) }
        let claimed = clashes ? name + "_" + discriminator : name
        taken.insert(claimed)
        return claimed
    }

    /// Claims `name` if it is free; false when it is taken.
    mutating func claimIfFree(_ name: String) -> Bool {
        taken.insert(name).inserted
    }
}

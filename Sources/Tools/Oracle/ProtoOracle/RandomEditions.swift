// Seeded random values for the editions test messages (protos/testdata/editions_*.proto).
import SwiftProto
import TestMessages

extension Swiftgrpc_Test_Editions_Color: RandomValue {}
extension Swiftgrpc_Test_Editions_Status: RandomValue {}
extension Swiftgrpc_Test_Editions2024_Mood: RandomValue {}
extension Swiftgrpc_Test_Editions2024_Strict: RandomValue {}

extension Swiftgrpc_Test_Editions_Payload: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        var m = Self()
        if r.chance() { m.id = r.value(depth) }
        if r.chance() { m.note = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Editions_Everything.Item: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        var m = Self()
        if r.chance() { m.value = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Editions_Everything: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.implicitInt = r.value(depth) }
        if r.chance() { m.explicitInt = r.value(depth) }
        if r.chance() { m.requiredInt = r.value(depth) }
        if r.chance() { m.intWithDefault = r.value(depth) }
        if r.chance() { m.stringWithDefault = r.value(depth) }
        if r.chance() { m.color = r.value(depth) }
        if r.chance() { m.status = r.value(depth) }
        if r.chance() { m.payload = r.value(depth) }
        if r.chance() { m.expandedInts = r.value(depth) }
        if r.chance() { m.packedInts = r.value(depth) }
        if r.chance() { m.packedStatuses = r.value(depth) }
        if r.chance() { m.expandedDoubles = r.value(depth) }
        if r.chance() { m.strings = r.value(depth) }
        if r.chance() { m.uncheckedString = r.value(depth) }
        if r.chance() { m.checkedString = r.value(depth) }
        if r.chance() { m.checkedMap = r.value(depth) }
        if r.chance() { m.delimitedPayload = r.value(depth) }
        if r.chance() { m.item = r.value(depth) }
        if r.chance() { m.items = r.value(depth) }
        if r.chance() { m.payloadByName = r.value(depth) }
        switch r.next() % 5 {
        case 0: m.choiceInt = r.value(depth)
        case 1: m.choiceString = r.value(depth)
        case 2: m.choicePayload = r.value(depth)
        case 3: m.choiceItem = r.value(depth)
        default: break
        }
        if r.chance() { m.Swiftgrpc_Test_Editions_extraInt = r.value(depth) }
        if r.chance() { m.Swiftgrpc_Test_Editions_extraPacked = r.value(depth) }
        if r.chance() { m.Swiftgrpc_Test_Editions_extraPayload = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Editions2024_Sample: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 4 else { return Self() }
        var m = Self()
        if r.chance() { m.name = r.value(depth) }
        if r.chance() { m.count = r.value(depth) }
        if r.chance() { m.mood = r.value(depth) }
        if r.chance() { m.strict = r.value(depth) }
        if r.chance() { m.values = r.value(depth) }
        if r.chance() { m.expanded = r.value(depth) }
        if r.chance() { m.data = r.value(depth) }
        if r.chance() { m.child = r.value(depth) }
        if r.chance() { m.delimitedChild = r.value(depth) }
        if r.chance() { m.moods = r.value(depth) }
        switch r.next() % 3 {
        case 0: m.pickedName = r.value(depth)
        case 1: m.pickedMood = r.value(depth)
        default: break
        }
        return m
    }
}

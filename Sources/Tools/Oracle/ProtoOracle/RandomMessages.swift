// Seeded random values for every field of the test messages, for the Python oracle tests.
import SwiftProto
import TestMessages

extension ProtobufTestMessages_Proto3_ForeignEnum: RandomValue {}
extension ProtobufTestMessages_Proto3_TestAllTypesProto3.NestedEnum: RandomValue {}
extension ProtobufTestMessages_Proto3_TestAllTypesProto3.AliasedEnum: RandomValue {}
extension ProtobufTestMessages_Proto3_EnumOnlyProto3.BoolEnum: RandomValue {}
extension ProtobufTestMessages_Proto2_ForeignEnumProto2: RandomValue {}
extension ProtobufTestMessages_Proto2_TestAllTypesProto2.NestedEnum: RandomValue {}
extension ProtobufTestMessages_Proto2_EnumOnlyProto2.BoolEnum: RandomValue {}
extension Swiftgrpc_Test_Color: RandomValue {}
extension Swiftgrpc_Test_Everything3.Mood: RandomValue {}
extension P2Shade: RandomValue {}
extension P2Level: RandomValue {}
extension Swiftgrpc_Test_Imported_ImportedEnum: RandomValue {}

extension ProtobufTestMessages_Proto3_TestAllTypesProto3: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.optionalInt32 = r.value(depth) }
        if r.chance() { m.optionalInt64 = r.value(depth) }
        if r.chance() { m.optionalUint32 = r.value(depth) }
        if r.chance() { m.optionalUint64 = r.value(depth) }
        if r.chance() { m.optionalSint32 = r.value(depth) }
        if r.chance() { m.optionalSint64 = r.value(depth) }
        if r.chance() { m.optionalFixed32 = r.value(depth) }
        if r.chance() { m.optionalFixed64 = r.value(depth) }
        if r.chance() { m.optionalSfixed32 = r.value(depth) }
        if r.chance() { m.optionalSfixed64 = r.value(depth) }
        if r.chance() { m.optionalFloat = r.value(depth) }
        if r.chance() { m.optionalDouble = r.value(depth) }
        if r.chance() { m.optionalBool = r.value(depth) }
        if r.chance() { m.optionalString = r.value(depth) }
        if r.chance() { m.optionalBytes = r.value(depth) }
        if r.chance() { m.optionalNestedMessage = r.value(depth) }
        if r.chance() { m.optionalForeignMessage = r.value(depth) }
        if r.chance() { m.optionalNestedEnum = r.value(depth) }
        if r.chance() { m.optionalForeignEnum = r.value(depth) }
        if r.chance() { m.optionalAliasedEnum = r.value(depth) }
        if r.chance() { m.optionalStringPiece = r.value(depth) }
        if r.chance() { m.optionalCord = r.value(depth) }
        if r.chance() { m.recursiveMessage = r.value(depth) }
        if r.chance() { m.repeatedInt32 = r.value(depth) }
        if r.chance() { m.repeatedInt64 = r.value(depth) }
        if r.chance() { m.repeatedUint32 = r.value(depth) }
        if r.chance() { m.repeatedUint64 = r.value(depth) }
        if r.chance() { m.repeatedSint32 = r.value(depth) }
        if r.chance() { m.repeatedSint64 = r.value(depth) }
        if r.chance() { m.repeatedFixed32 = r.value(depth) }
        if r.chance() { m.repeatedFixed64 = r.value(depth) }
        if r.chance() { m.repeatedSfixed32 = r.value(depth) }
        if r.chance() { m.repeatedSfixed64 = r.value(depth) }
        if r.chance() { m.repeatedFloat = r.value(depth) }
        if r.chance() { m.repeatedDouble = r.value(depth) }
        if r.chance() { m.repeatedBool = r.value(depth) }
        if r.chance() { m.repeatedString = r.value(depth) }
        if r.chance() { m.repeatedBytes = r.value(depth) }
        if r.chance() { m.repeatedNestedMessage = r.value(depth) }
        if r.chance() { m.repeatedForeignMessage = r.value(depth) }
        if r.chance() { m.repeatedNestedEnum = r.value(depth) }
        if r.chance() { m.repeatedForeignEnum = r.value(depth) }
        if r.chance() { m.repeatedStringPiece = r.value(depth) }
        if r.chance() { m.repeatedCord = r.value(depth) }
        if r.chance() { m.packedInt32 = r.value(depth) }
        if r.chance() { m.packedInt64 = r.value(depth) }
        if r.chance() { m.packedUint32 = r.value(depth) }
        if r.chance() { m.packedUint64 = r.value(depth) }
        if r.chance() { m.packedSint32 = r.value(depth) }
        if r.chance() { m.packedSint64 = r.value(depth) }
        if r.chance() { m.packedFixed32 = r.value(depth) }
        if r.chance() { m.packedFixed64 = r.value(depth) }
        if r.chance() { m.packedSfixed32 = r.value(depth) }
        if r.chance() { m.packedSfixed64 = r.value(depth) }
        if r.chance() { m.packedFloat = r.value(depth) }
        if r.chance() { m.packedDouble = r.value(depth) }
        if r.chance() { m.packedBool = r.value(depth) }
        if r.chance() { m.packedNestedEnum = r.value(depth) }
        if r.chance() { m.unpackedInt32 = r.value(depth) }
        if r.chance() { m.unpackedInt64 = r.value(depth) }
        if r.chance() { m.unpackedUint32 = r.value(depth) }
        if r.chance() { m.unpackedUint64 = r.value(depth) }
        if r.chance() { m.unpackedSint32 = r.value(depth) }
        if r.chance() { m.unpackedSint64 = r.value(depth) }
        if r.chance() { m.unpackedFixed32 = r.value(depth) }
        if r.chance() { m.unpackedFixed64 = r.value(depth) }
        if r.chance() { m.unpackedSfixed32 = r.value(depth) }
        if r.chance() { m.unpackedSfixed64 = r.value(depth) }
        if r.chance() { m.unpackedFloat = r.value(depth) }
        if r.chance() { m.unpackedDouble = r.value(depth) }
        if r.chance() { m.unpackedBool = r.value(depth) }
        if r.chance() { m.unpackedNestedEnum = r.value(depth) }
        if r.chance() { m.mapInt32Int32 = r.value(depth) }
        if r.chance() { m.mapInt64Int64 = r.value(depth) }
        if r.chance() { m.mapUint32Uint32 = r.value(depth) }
        if r.chance() { m.mapUint64Uint64 = r.value(depth) }
        if r.chance() { m.mapSint32Sint32 = r.value(depth) }
        if r.chance() { m.mapSint64Sint64 = r.value(depth) }
        if r.chance() { m.mapFixed32Fixed32 = r.value(depth) }
        if r.chance() { m.mapFixed64Fixed64 = r.value(depth) }
        if r.chance() { m.mapSfixed32Sfixed32 = r.value(depth) }
        if r.chance() { m.mapSfixed64Sfixed64 = r.value(depth) }
        if r.chance() { m.mapInt32Float = r.value(depth) }
        if r.chance() { m.mapInt32Double = r.value(depth) }
        if r.chance() { m.mapBoolBool = r.value(depth) }
        if r.chance() { m.mapStringString = r.value(depth) }
        if r.chance() { m.mapStringBytes = r.value(depth) }
        if r.chance() { m.mapStringNestedMessage = r.value(depth) }
        if r.chance() { m.mapStringForeignMessage = r.value(depth) }
        if r.chance() { m.mapStringNestedEnum = r.value(depth) }
        if r.chance() { m.mapStringForeignEnum = r.value(depth) }
        if r.chance() { m.oneofUint32 = r.value(depth) }
        if r.chance() { m.oneofNestedMessage = r.value(depth) }
        if r.chance() { m.oneofString = r.value(depth) }
        if r.chance() { m.oneofBytes = r.value(depth) }
        if r.chance() { m.oneofBool = r.value(depth) }
        if r.chance() { m.oneofUint64 = r.value(depth) }
        if r.chance() { m.oneofFloat = r.value(depth) }
        if r.chance() { m.oneofDouble = r.value(depth) }
        if r.chance() { m.oneofEnum = r.value(depth) }
        if r.chance() { m.oneofNullValue = r.value(depth) }
        if r.chance() { m.optionalBoolWrapper = r.value(depth) }
        if r.chance() { m.optionalInt32Wrapper = r.value(depth) }
        if r.chance() { m.optionalInt64Wrapper = r.value(depth) }
        if r.chance() { m.optionalUint32Wrapper = r.value(depth) }
        if r.chance() { m.optionalUint64Wrapper = r.value(depth) }
        if r.chance() { m.optionalFloatWrapper = r.value(depth) }
        if r.chance() { m.optionalDoubleWrapper = r.value(depth) }
        if r.chance() { m.optionalStringWrapper = r.value(depth) }
        if r.chance() { m.optionalBytesWrapper = r.value(depth) }
        if r.chance() { m.repeatedBoolWrapper = r.value(depth) }
        if r.chance() { m.repeatedInt32Wrapper = r.value(depth) }
        if r.chance() { m.repeatedInt64Wrapper = r.value(depth) }
        if r.chance() { m.repeatedUint32Wrapper = r.value(depth) }
        if r.chance() { m.repeatedUint64Wrapper = r.value(depth) }
        if r.chance() { m.repeatedFloatWrapper = r.value(depth) }
        if r.chance() { m.repeatedDoubleWrapper = r.value(depth) }
        if r.chance() { m.repeatedStringWrapper = r.value(depth) }
        if r.chance() { m.repeatedBytesWrapper = r.value(depth) }
        if r.chance() { m.optionalDuration = r.value(depth) }
        if r.chance() { m.optionalTimestamp = r.value(depth) }
        if r.chance() { m.optionalFieldMask = r.value(depth) }
        if r.chance() { m.optionalStruct = r.value(depth) }
        if r.chance() { m.optionalAny = r.value(depth) }
        if r.chance() { m.optionalValue = r.value(depth) }
        if r.chance() { m.optionalNullValue = r.value(depth) }
        if r.chance() { m.repeatedDuration = r.value(depth) }
        if r.chance() { m.repeatedTimestamp = r.value(depth) }
        if r.chance() { m.repeatedFieldmask = r.value(depth) }
        if r.chance() { m.repeatedStruct = r.value(depth) }
        if r.chance() { m.repeatedAny = r.value(depth) }
        if r.chance() { m.repeatedValue = r.value(depth) }
        if r.chance() { m.repeatedListValue = r.value(depth) }
        if r.chance() { m.fieldname1 = r.value(depth) }
        if r.chance() { m.fieldName2 = r.value(depth) }
        if r.chance() { m.fieldName3 = r.value(depth) }
        if r.chance() { m.fieldName4 = r.value(depth) }
        if r.chance() { m.field0Name5 = r.value(depth) }
        if r.chance() { m.field0Name6 = r.value(depth) }
        if r.chance() { m.fieldName7 = r.value(depth) }
        if r.chance() { m.fieldName8 = r.value(depth) }
        if r.chance() { m.fieldName9 = r.value(depth) }
        if r.chance() { m.fieldName10 = r.value(depth) }
        if r.chance() { m.fieldName11 = r.value(depth) }
        if r.chance() { m.fieldName12 = r.value(depth) }
        if r.chance() { m.fieldName13 = r.value(depth) }
        if r.chance() { m.fieldName14 = r.value(depth) }
        if r.chance() { m.fieldName15 = r.value(depth) }
        if r.chance() { m.fieldName16 = r.value(depth) }
        if r.chance() { m.fieldName17 = r.value(depth) }
        if r.chance() { m.fieldName18 = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto3_TestAllTypesProto3.NestedMessage: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.a = r.value(depth) }
        if r.chance() { m.corecursive = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto3_ForeignMessage: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.c = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto3_NullHypothesisProto3: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

extension ProtobufTestMessages_Proto3_EnumOnlyProto3: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.optionalInt32 = r.value(depth) }
        if r.chance() { m.optionalInt64 = r.value(depth) }
        if r.chance() { m.optionalUint32 = r.value(depth) }
        if r.chance() { m.optionalUint64 = r.value(depth) }
        if r.chance() { m.optionalSint32 = r.value(depth) }
        if r.chance() { m.optionalSint64 = r.value(depth) }
        if r.chance() { m.optionalFixed32 = r.value(depth) }
        if r.chance() { m.optionalFixed64 = r.value(depth) }
        if r.chance() { m.optionalSfixed32 = r.value(depth) }
        if r.chance() { m.optionalSfixed64 = r.value(depth) }
        if r.chance() { m.optionalFloat = r.value(depth) }
        if r.chance() { m.optionalDouble = r.value(depth) }
        if r.chance() { m.optionalBool = r.value(depth) }
        if r.chance() { m.optionalString = r.value(depth) }
        if r.chance() { m.optionalBytes = r.value(depth) }
        if r.chance() { m.optionalNestedMessage = r.value(depth) }
        if r.chance() { m.optionalForeignMessage = r.value(depth) }
        if r.chance() { m.optionalNestedEnum = r.value(depth) }
        if r.chance() { m.optionalForeignEnum = r.value(depth) }
        if r.chance() { m.optionalStringPiece = r.value(depth) }
        if r.chance() { m.optionalCord = r.value(depth) }
        if r.chance() { m.recursiveMessage = r.value(depth) }
        if r.chance() { m.repeatedInt32 = r.value(depth) }
        if r.chance() { m.repeatedInt64 = r.value(depth) }
        if r.chance() { m.repeatedUint32 = r.value(depth) }
        if r.chance() { m.repeatedUint64 = r.value(depth) }
        if r.chance() { m.repeatedSint32 = r.value(depth) }
        if r.chance() { m.repeatedSint64 = r.value(depth) }
        if r.chance() { m.repeatedFixed32 = r.value(depth) }
        if r.chance() { m.repeatedFixed64 = r.value(depth) }
        if r.chance() { m.repeatedSfixed32 = r.value(depth) }
        if r.chance() { m.repeatedSfixed64 = r.value(depth) }
        if r.chance() { m.repeatedFloat = r.value(depth) }
        if r.chance() { m.repeatedDouble = r.value(depth) }
        if r.chance() { m.repeatedBool = r.value(depth) }
        if r.chance() { m.repeatedString = r.value(depth) }
        if r.chance() { m.repeatedBytes = r.value(depth) }
        if r.chance() { m.repeatedNestedMessage = r.value(depth) }
        if r.chance() { m.repeatedForeignMessage = r.value(depth) }
        if r.chance() { m.repeatedNestedEnum = r.value(depth) }
        if r.chance() { m.repeatedForeignEnum = r.value(depth) }
        if r.chance() { m.repeatedStringPiece = r.value(depth) }
        if r.chance() { m.repeatedCord = r.value(depth) }
        if r.chance() { m.packedInt32 = r.value(depth) }
        if r.chance() { m.packedInt64 = r.value(depth) }
        if r.chance() { m.packedUint32 = r.value(depth) }
        if r.chance() { m.packedUint64 = r.value(depth) }
        if r.chance() { m.packedSint32 = r.value(depth) }
        if r.chance() { m.packedSint64 = r.value(depth) }
        if r.chance() { m.packedFixed32 = r.value(depth) }
        if r.chance() { m.packedFixed64 = r.value(depth) }
        if r.chance() { m.packedSfixed32 = r.value(depth) }
        if r.chance() { m.packedSfixed64 = r.value(depth) }
        if r.chance() { m.packedFloat = r.value(depth) }
        if r.chance() { m.packedDouble = r.value(depth) }
        if r.chance() { m.packedBool = r.value(depth) }
        if r.chance() { m.packedNestedEnum = r.value(depth) }
        if r.chance() { m.unpackedInt32 = r.value(depth) }
        if r.chance() { m.unpackedInt64 = r.value(depth) }
        if r.chance() { m.unpackedUint32 = r.value(depth) }
        if r.chance() { m.unpackedUint64 = r.value(depth) }
        if r.chance() { m.unpackedSint32 = r.value(depth) }
        if r.chance() { m.unpackedSint64 = r.value(depth) }
        if r.chance() { m.unpackedFixed32 = r.value(depth) }
        if r.chance() { m.unpackedFixed64 = r.value(depth) }
        if r.chance() { m.unpackedSfixed32 = r.value(depth) }
        if r.chance() { m.unpackedSfixed64 = r.value(depth) }
        if r.chance() { m.unpackedFloat = r.value(depth) }
        if r.chance() { m.unpackedDouble = r.value(depth) }
        if r.chance() { m.unpackedBool = r.value(depth) }
        if r.chance() { m.unpackedNestedEnum = r.value(depth) }
        if r.chance() { m.mapInt32Int32 = r.value(depth) }
        if r.chance() { m.mapInt64Int64 = r.value(depth) }
        if r.chance() { m.mapUint32Uint32 = r.value(depth) }
        if r.chance() { m.mapUint64Uint64 = r.value(depth) }
        if r.chance() { m.mapSint32Sint32 = r.value(depth) }
        if r.chance() { m.mapSint64Sint64 = r.value(depth) }
        if r.chance() { m.mapFixed32Fixed32 = r.value(depth) }
        if r.chance() { m.mapFixed64Fixed64 = r.value(depth) }
        if r.chance() { m.mapSfixed32Sfixed32 = r.value(depth) }
        if r.chance() { m.mapSfixed64Sfixed64 = r.value(depth) }
        if r.chance() { m.mapInt32Float = r.value(depth) }
        if r.chance() { m.mapInt32Double = r.value(depth) }
        if r.chance() { m.mapBoolBool = r.value(depth) }
        if r.chance() { m.mapStringString = r.value(depth) }
        if r.chance() { m.mapStringBytes = r.value(depth) }
        if r.chance() { m.mapStringNestedMessage = r.value(depth) }
        if r.chance() { m.mapStringForeignMessage = r.value(depth) }
        if r.chance() { m.mapStringNestedEnum = r.value(depth) }
        if r.chance() { m.mapStringForeignEnum = r.value(depth) }
        if r.chance() { m.oneofUint32 = r.value(depth) }
        if r.chance() { m.oneofNestedMessage = r.value(depth) }
        if r.chance() { m.oneofString = r.value(depth) }
        if r.chance() { m.oneofBytes = r.value(depth) }
        if r.chance() { m.oneofBool = r.value(depth) }
        if r.chance() { m.oneofUint64 = r.value(depth) }
        if r.chance() { m.oneofFloat = r.value(depth) }
        if r.chance() { m.oneofDouble = r.value(depth) }
        if r.chance() { m.oneofEnum = r.value(depth) }
        if r.chance() { m.data = r.value(depth) }
        if r.chance() { m.defaultInt32 = r.value(depth) }
        if r.chance() { m.defaultInt64 = r.value(depth) }
        if r.chance() { m.defaultUint32 = r.value(depth) }
        if r.chance() { m.defaultUint64 = r.value(depth) }
        if r.chance() { m.defaultSint32 = r.value(depth) }
        if r.chance() { m.defaultSint64 = r.value(depth) }
        if r.chance() { m.defaultFixed32 = r.value(depth) }
        if r.chance() { m.defaultFixed64 = r.value(depth) }
        if r.chance() { m.defaultSfixed32 = r.value(depth) }
        if r.chance() { m.defaultSfixed64 = r.value(depth) }
        if r.chance() { m.defaultFloat = r.value(depth) }
        if r.chance() { m.defaultDouble = r.value(depth) }
        if r.chance() { m.defaultBool = r.value(depth) }
        if r.chance() { m.defaultString = r.value(depth) }
        if r.chance() { m.defaultBytes = r.value(depth) }
        if r.chance() { m.fieldname1 = r.value(depth) }
        if r.chance() { m.fieldName2 = r.value(depth) }
        if r.chance() { m.fieldName3 = r.value(depth) }
        if r.chance() { m.fieldName4 = r.value(depth) }
        if r.chance() { m.field0Name5 = r.value(depth) }
        if r.chance() { m.field0Name6 = r.value(depth) }
        if r.chance() { m.fieldName7 = r.value(depth) }
        if r.chance() { m.fieldName8 = r.value(depth) }
        if r.chance() { m.fieldName9 = r.value(depth) }
        if r.chance() { m.fieldName10 = r.value(depth) }
        if r.chance() { m.fieldName11 = r.value(depth) }
        if r.chance() { m.fieldName12 = r.value(depth) }
        if r.chance() { m.fieldName13 = r.value(depth) }
        if r.chance() { m.fieldName14 = r.value(depth) }
        if r.chance() { m.fieldName15 = r.value(depth) }
        if r.chance() { m.fieldName16 = r.value(depth) }
        if r.chance() { m.fieldName17 = r.value(depth) }
        if r.chance() { m.fieldName18 = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2.NestedMessage: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.a = r.value(depth) }
        if r.chance() { m.corecursive = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2.Data: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.groupInt32 = r.value(depth) }
        if r.chance() { m.groupUint32 = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2.MessageSetCorrect: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2.MessageSetCorrectExtension1: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.str = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_TestAllTypesProto2.MessageSetCorrectExtension2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.i = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_ForeignMessageProto2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.c = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_UnknownToTestAllTypes: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.optionalInt32 = r.value(depth) }
        if r.chance() { m.optionalString = r.value(depth) }
        if r.chance() { m.nestedMessage = r.value(depth) }
        if r.chance() { m.optionalGroup = r.value(depth) }
        if r.chance() { m.optionalBool = r.value(depth) }
        if r.chance() { m.repeatedInt32 = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_UnknownToTestAllTypes.OptionalGroup: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.a = r.value(depth) }
        return m
    }
}

extension ProtobufTestMessages_Proto2_NullHypothesisProto2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

extension ProtobufTestMessages_Proto2_EnumOnlyProto2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

extension ProtobufTestMessages_Proto2_OneStringProto2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.data = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Everything3: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.fInt32 = r.value(depth) }
        if r.chance() { m.fInt64 = r.value(depth) }
        if r.chance() { m.fUint32 = r.value(depth) }
        if r.chance() { m.fUint64 = r.value(depth) }
        if r.chance() { m.fSint32 = r.value(depth) }
        if r.chance() { m.fSint64 = r.value(depth) }
        if r.chance() { m.fFixed32 = r.value(depth) }
        if r.chance() { m.fFixed64 = r.value(depth) }
        if r.chance() { m.fSfixed32 = r.value(depth) }
        if r.chance() { m.fSfixed64 = r.value(depth) }
        if r.chance() { m.fFloat = r.value(depth) }
        if r.chance() { m.fDouble = r.value(depth) }
        if r.chance() { m.fBool = r.value(depth) }
        if r.chance() { m.fString = r.value(depth) }
        if r.chance() { m.fBytes = r.value(depth) }
        if r.chance() { m.fNested = r.value(depth) }
        if r.chance() { m.fMood = r.value(depth) }
        if r.chance() { m.fColor = r.value(depth) }
        if r.chance() { m.fImported = r.value(depth) }
        if r.chance() { m.fImportedEnum = r.value(depth) }
        if r.chance() { m.oInt32 = r.value(depth) }
        if r.chance() { m.oString = r.value(depth) }
        if r.chance() { m.oMood = r.value(depth) }
        if r.chance() { m.oDouble = r.value(depth) }
        if r.chance() { m.rInt32 = r.value(depth) }
        if r.chance() { m.rInt64 = r.value(depth) }
        if r.chance() { m.rUint32 = r.value(depth) }
        if r.chance() { m.rUint64 = r.value(depth) }
        if r.chance() { m.rSint32 = r.value(depth) }
        if r.chance() { m.rSint64 = r.value(depth) }
        if r.chance() { m.rFixed32 = r.value(depth) }
        if r.chance() { m.rFixed64 = r.value(depth) }
        if r.chance() { m.rSfixed32 = r.value(depth) }
        if r.chance() { m.rSfixed64 = r.value(depth) }
        if r.chance() { m.rFloat = r.value(depth) }
        if r.chance() { m.rDouble = r.value(depth) }
        if r.chance() { m.rBool = r.value(depth) }
        if r.chance() { m.rString = r.value(depth) }
        if r.chance() { m.rBytes = r.value(depth) }
        if r.chance() { m.rNested = r.value(depth) }
        if r.chance() { m.rMood = r.value(depth) }
        if r.chance() { m.rUnpackedInt32 = r.value(depth) }
        if r.chance() { m.rUnpackedDouble = r.value(depth) }
        if r.chance() { m.mInt32Int32 = r.value(depth) }
        if r.chance() { m.mInt64String = r.value(depth) }
        if r.chance() { m.mUint32Bytes = r.value(depth) }
        if r.chance() { m.mUint64Double = r.value(depth) }
        if r.chance() { m.mSint32Float = r.value(depth) }
        if r.chance() { m.mSint64Bool = r.value(depth) }
        if r.chance() { m.mFixed32Mood = r.value(depth) }
        if r.chance() { m.mFixed64Nested = r.value(depth) }
        if r.chance() { m.mSfixed32Sint64 = r.value(depth) }
        if r.chance() { m.mSfixed64Uint32 = r.value(depth) }
        if r.chance() { m.mBoolString = r.value(depth) }
        if r.chance() { m.mStringString = r.value(depth) }
        if r.chance() { m.mStringNested = r.value(depth) }
        if r.chance() { m.cInt32 = r.value(depth) }
        if r.chance() { m.cString = r.value(depth) }
        if r.chance() { m.cBytes = r.value(depth) }
        if r.chance() { m.cNested = r.value(depth) }
        if r.chance() { m.cMood = r.value(depth) }
        if r.chance() { m.cDouble = r.value(depth) }
        if r.chance() { m.cSelf = r.value(depth) }
        if r.chance() { m.`class` = r.value(depth) }
        if r.chance() { m.`default` = r.value(depth) }
        if r.chance() { m.unknownFields_p = r.value(depth) }
        if r.chance() { m.hasFInt32_p = r.value(depth) }
        if r.chance() { m.isInitialized_p = r.value(depth) }
        if r.chance() { m.self_p = r.value(depth) }
        if r.chance() { m.description_p = r.value(depth) }
        if r.chance() { m.recursive = r.value(depth) }
        if r.chance() { m.lastField = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Everything3.Nested: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.a = r.value(depth) }
        if r.chance() { m.back = r.value(depth) }
        if r.chance() { m.children = r.value(depth) }
        return m
    }
}

extension P2Everything2: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.fInt32 = r.value(depth) }
        if r.chance() { m.fInt64 = r.value(depth) }
        if r.chance() { m.fUint32 = r.value(depth) }
        if r.chance() { m.fUint64 = r.value(depth) }
        if r.chance() { m.fSint32 = r.value(depth) }
        if r.chance() { m.fSint64 = r.value(depth) }
        if r.chance() { m.fFixed32 = r.value(depth) }
        if r.chance() { m.fFixed64 = r.value(depth) }
        if r.chance() { m.fSfixed32 = r.value(depth) }
        if r.chance() { m.fSfixed64 = r.value(depth) }
        if r.chance() { m.fFloat = r.value(depth) }
        if r.chance() { m.fDouble = r.value(depth) }
        if r.chance() { m.fBool = r.value(depth) }
        if r.chance() { m.fString = r.value(depth) }
        if r.chance() { m.fBytes = r.value(depth) }
        if r.chance() { m.fNested = r.value(depth) }
        if r.chance() { m.fShade = r.value(depth) }
        if r.chance() { m.fImported = r.value(depth) }
        if r.chance() { m.dInt32 = r.value(depth) }
        if r.chance() { m.dInt64 = r.value(depth) }
        if r.chance() { m.dUint32 = r.value(depth) }
        if r.chance() { m.dUint64 = r.value(depth) }
        if r.chance() { m.dFloat = r.value(depth) }
        if r.chance() { m.dDouble = r.value(depth) }
        if r.chance() { m.dBool = r.value(depth) }
        if r.chance() { m.dString = r.value(depth) }
        if r.chance() { m.dBytes = r.value(depth) }
        if r.chance() { m.dShade = r.value(depth) }
        if r.chance() { m.dNan = r.value(depth) }
        if r.chance() { m.dNegInf = r.value(depth) }
        if r.chance() { m.rInt32 = r.value(depth) }
        if r.chance() { m.rPackedInt32 = r.value(depth) }
        if r.chance() { m.rShade = r.value(depth) }
        if r.chance() { m.rPackedShade = r.value(depth) }
        if r.chance() { m.rString = r.value(depth) }
        if r.chance() { m.rNested = r.value(depth) }
        if r.chance() { m.mStringLevel = r.value(depth) }
        if r.chance() { m.mInt32Nested = r.value(depth) }
        if r.chance() { m.optionalGroup = r.value(depth) }
        if r.chance() { m.repeatedGroup = r.value(depth) }
        if r.chance() { m.cInt32 = r.value(depth) }
        if r.chance() { m.cString = r.value(depth) }
        if r.chance() { m.cNested = r.value(depth) }
        if r.chance() { m.cShade = r.value(depth) }
        if r.chance() { m.choiceGroup = r.value(depth) }
        return m
    }
}

extension P2Everything2.Nested: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.a = r.value(depth) }
        if r.chance() { m.back = r.value(depth) }
        return m
    }
}

extension P2Everything2.OptionalGroup: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.groupInt32 = r.value(depth) }
        if r.chance() { m.groupString = r.value(depth) }
        return m
    }
}

extension P2Everything2.RepeatedGroup: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.groupInt32 = r.value(depth) }
        return m
    }
}

extension P2Everything2.ChoiceGroup: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.groupInt32 = r.value(depth) }
        return m
    }
}

extension P2WithRequired: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.id = r.value(depth) }
        if r.chance() { m.name = r.value(depth) }
        if r.chance() { m.child = r.value(depth) }
        if r.chance() { m.children = r.value(depth) }
        if r.chance() { m.byName = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Imported_ImportedMessage: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        guard depth < 5 else { return Self() }
        var m = Self()
        if r.chance() { m.value = r.value(depth) }
        if r.chance() { m.label = r.value(depth) }
        return m
    }
}

extension Swiftgrpc_Test_Imported_Nothing: RandomValue {
    static func random(_ r: inout SeededRandom, depth: Int) -> Self {
        let m = Self()
        return m
    }
}

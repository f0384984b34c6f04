import SwiftProto
import TestMessages
import Testing

@Suite struct MessageSemanticsTests {
    typealias M3 = Swiftgrpc_Test_Everything3
    typealias M2 = P2Everything2

    @Test func proto3DefaultsAreNotWritten() throws {
        var message = M3()
        message.fInt32 = 0
        message.fString = ""
        message.fMood = .unspecified
        #expect(try message.serializedBytes().isEmpty)
        message.fDouble = -0.0  // not the default bit pattern
        #expect(try message.serializedBytes() == [0x61, 0, 0, 0, 0, 0, 0, 0, 0x80])
    }

    @Test func explicitPresenceRoundTripsZeroValues() throws {
        var message = M3()
        message.oInt32 = 0
        message.oString = ""
        #expect(message.hasOInt32 && message.hasOString)
        let decodedMessage = try M3(serializedBytes: try message.serializedBytes())
        #expect(decodedMessage.hasOInt32 && decodedMessage.oInt32 == 0 && decodedMessage.hasOString)
        var cleared = decodedMessage
        cleared.clearOInt32()
        #expect(!cleared.hasOInt32)
    }

    @Test func proto2DefaultsAndPresence() {
        let message = M2()
        #expect(message.dInt32 == -42)
        #expect(message.dInt64 == Int64.min)
        #expect(message.dUint32 == UInt32.max)
        #expect(message.dUint64 == UInt64.max)
        #expect(message.dFloat == .infinity)
        #expect(message.dNegInf == -.infinity)
        #expect(message.dDouble == -1.5e300)
        #expect(message.dNan.isNaN)
        #expect(message.dBool == true)
        #expect(message.dString == "say \"hi\"\n\tand \\ bye é")
        #expect(message.dBytes == [0, 1, 0xFF, 0x61, 0x62, 0x63, 0x7F])
        #expect(message.dShade == .dark)
        #expect(message.fShade == .light)  // first declared value of a closed enum
        #expect(!message.hasDInt32)
    }

    @Test func mergeFollowsProtobufRules() throws {
        var first = M3()
        first.fInt32 = 1
        first.rInt32 = [1, 2]
        first.fNested.a = 5
        first.mStringString = ["k": "one", "x": "x"]
        var second = M3()
        second.fInt32 = 2
        second.rInt32 = [3]
        second.fNested.children = [.with { $0.a = 9 }]
        second.mStringString = ["k": "two"]
        var merged = first
        try merged.merge(serializedBytes: try second.serializedBytes())
        #expect(merged.fInt32 == 2)  // last one wins
        #expect(merged.rInt32 == [1, 2, 3])  // repeated fields append
        #expect(merged.fNested.a == 5 && merged.fNested.children.count == 1)  // submessages merge
        #expect(merged.mStringString == ["k": "two", "x": "x"])
        // Concatenated encodings decode to the merge, as the spec promises.
        let concatenated = try first.serializedBytes() + second.serializedBytes()
        #expect(try M3(serializedBytes: concatenated) == merged)
    }

    @Test func packedAndUnpackedAreBothAccepted() throws {
        let unpacked = tag(31, .varint) + [1] + tag(31, .varint) + [2]
        let packed = tag(31, .lengthDelimited) + [2, 3, 4]
        #expect(try M3(serializedBytes: unpacked + packed).rInt32 == [1, 2, 3, 4])
        // A field declared unpacked accepts the packed form too.
        let packedIntoUnpacked = tag(48, .lengthDelimited) + [2, 7, 8]
        #expect(try M3(serializedBytes: packedIntoUnpacked).rUnpackedInt32 == [7, 8])
        // proto3 writes packed, [packed = false] writes one tag per element.
        var message = M3()
        message.rInt32 = [1, 2]
        message.rUnpackedInt32 = [1, 2]
        #expect(try message.serializedBytes() == tag(31, .lengthDelimited) + [2, 1, 2] + tag(48, .varint) + [1] + tag(48, .varint) + [2])
    }

    @Test func wireTypeMismatchIsKeptAsUnknown() throws {
        // Field 1 is int32; a length-delimited field 1 is not it, so it is kept, not applied.
        let bytes = tag(1, .lengthDelimited) + [1, 0x41]
        let message = try M3(serializedBytes: bytes)
        #expect(message.fInt32 == 0)
        #expect(message.unknownFields.data == bytes)
        #expect(try message.serializedBytes() == bytes)
    }

    @Test func openEnumsKeepUnknownValues() throws {
        let message = try M3(serializedBytes: tag(17, .varint) + [42])
        #expect(message.fMood == .UNRECOGNIZED(42))
        #expect(message.fMood.rawValue == 42)
        #expect(try message.serializedBytes() == tag(17, .varint) + [42])
        let negative = try M3(serializedBytes: tag(18, .varint) + varint(UInt64(bitPattern: -3)))
        #expect(negative.fColor == .negative)
    }

    @Test func closedEnumsSendUnknownValuesToUnknownFields() throws {
        let singular = tag(17, .varint) + [9]
        let repeated = tag(44, .lengthDelimited) + [3, 1, 9, 2]
        let message = try M2(serializedBytes: singular + repeated)
        #expect(!message.hasFShade)
        #expect(message.rPackedShade == [.light, .dark])
        #expect(message.unknownFields.data == singular + tag(44, .varint) + [9])
        // A map entry with an unknown closed-enum value is kept whole.
        let entry = tag(51, .lengthDelimited) + [5] + tag(1, .lengthDelimited) + [1, 0x6B] + tag(2, .varint) + [7]
        let withMap = try M2(serializedBytes: entry)
        #expect(withMap.mStringLevel.isEmpty)
        #expect(withMap.unknownFields.data == entry)
    }

    @Test func oneofHoldsOneMemberAndMergesMessages() throws {
        var message = M3()
        message.cInt32 = 5
        message.cString = "now a string"
        #expect(message.cInt32 == 0)
        #expect(message.choice == .cString("now a string"))
        message.cNested = .with { $0.a = 1 }
        var other = M3()
        other.cNested = .with { $0.children = [.init()] }
        try message.merge(serializedBytes: try other.serializedBytes())
        #expect(message.cNested.a == 1 && message.cNested.children.count == 1)
        // Zero values in a oneof are still written: the member's presence is the point.
        var zero = M3()
        zero.cInt32 = 0
        #expect(try M3(serializedBytes: try zero.serializedBytes()).choice == .cInt32(0))
    }

    @Test func mapsDecodeEntriesWithMissingParts() throws {
        // An entry with no key and no value maps the default key to the default value.
        let message = try M3(serializedBytes: tag(62, .lengthDelimited) + [0] + tag(63, .lengthDelimited) + [0])
        #expect(message.mStringString == ["": ""])
        #expect(message.mStringNested == ["": .init()])
        // Value before key, and an unknown field inside the entry, are fine.
        let reordered = tag(51, .lengthDelimited) + [6] + tag(2, .varint) + [7] + tag(9, .varint) + [1] + tag(1, .varint) + [3]
        #expect(try M3(serializedBytes: reordered).mInt32Int32 == [3: 7])
    }

    @Test func groupsRoundTrip() throws {
        var message = M2()
        message.optionalGroup.groupInt32 = 7
        message.repeatedGroup = [.with { $0.groupInt32 = 1 }, .with { $0.groupInt32 = 2 }]
        message.choiceGroup.groupInt32 = 3
        let bytes = try message.serializedBytes()
        #expect(Array(bytes.prefix(2)) == tag(61, .startGroup))
        let back = try M2(serializedBytes: bytes)
        #expect(back == message)
        #expect(back.repeatedGroup.map(\.groupInt32) == [1, 2])
    }

    @Test func requiredFieldsAreChecked() throws {
        var message = P2WithRequired()
        #expect(!message.isInitialized)
        #expect(throws: BinaryEncodingError.self) { try message.serializedBytes() }
        message.id = 1
        message.name = "root"
        #expect(message.isInitialized)
        message.children = [P2WithRequired()]
        #expect(!message.isInitialized)  // through a repeated submessage
        let partial = try message.serializedBytes(partial: true)
        let error = #expect(throws: BinaryDecodingError.self) { try P2WithRequired(serializedBytes: partial) }
        #expect(error?.kind == .missingRequiredFields)
        #expect(try P2WithRequired(serializedBytes: partial, partial: true) == message)
        message.children[0].id = 2
        message.children[0].name = "child"
        message.byName["x"] = P2WithRequired()
        #expect(!message.isInitialized)  // through a map value
    }

    @Test func recursiveMessagesAreValuesWithCopyOnWrite() throws {
        var root = M3()
        root.recursive.recursive.fInt32 = 3
        let copy = root
        root.recursive.recursive.fInt32 = 4
        #expect(copy.recursive.recursive.fInt32 == 3)
        #expect(root.recursive.recursive.fInt32 == 4)
        #expect(try M3(serializedBytes: try root.serializedBytes()) == root)
        root.cSelf = root
        #expect(try M3(serializedBytes: try root.serializedBytes()).cSelf.recursive.recursive.fInt32 == 4)
    }

    @Test func keywordAndClashingFieldNamesWork() throws {
        var message = M3()
        message.class = 1
        message.default = "d"
        message.unknownFields_p = 2
        message.hasFInt32_p = 3
        message.isInitialized_p = 4
        message.self_p = "s"
        message.description_p = 5
        #expect(try M3(serializedBytes: try message.serializedBytes()) == message)
        #expect(message.unknownFields.isEmpty)
    }

    @Test func enumAliasesAndNames() {
        #expect(Swiftgrpc_Test_Color.crimson == .red)
        #expect(Swiftgrpc_Test_Color(rawValue: -3) == .negative)
        #expect(Swiftgrpc_Test_Color.red.protoName == "COLOR_RED")
        #expect(Swiftgrpc_Test_Color.allCases.count == 4)
        #expect(P2Shade(rawValue: 5) == nil)
    }

    @Test func valueSemanticsHashingAndWith() {
        let a = M3.with { $0.fString = "x"; $0.mInt32Int32 = [1: 2] }
        let b = M3.with { $0.fString = "x"; $0.mInt32Int32 = [1: 2] }
        #expect(a == b && a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        #expect(a != M3())
    }

    @Test func debugDescriptionIsReadableTextFormat() {
        var message = M3()
        message.fInt32 = -5
        message.fString = "hi \"there\"\n"
        message.fMood = .happy
        message.fNested.a = 2
        message.rInt32 = [1, 2]
        message.mInt32Int32 = [2: 3]
        message.cString = "c"
        #expect(message.debugDescription == """
            swiftgrpc.test.Everything3:
            f_int32: -5
            f_string: "hi \\"there\\"\\n"
            f_nested {
              a: 2
            }
            f_mood: HAPPY
            r_int32: 1
            r_int32: 2
            m_int32_int32 {
              key: 2
              value: 3
            }
            c_string: "c"

            """)
    }
}

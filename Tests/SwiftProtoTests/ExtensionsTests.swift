import SwiftProto
import TestMessages
import Testing

/// Extensions through the typed accessors and the decoders' extension maps.
@Suite struct ExtensionsTests {
    typealias Everything = Swiftgrpc_Test_Editions_Everything
    typealias P2 = ProtobufTestMessages_Proto2_TestAllTypesProto2
    let map = Swiftgrpc_Test_Editions_Editions2023_Extensions

    @Test func accessorsSetGetHasAndClear() {
        var message = Everything()
        #expect(!message.hasSwiftgrpc_Test_Editions_extraInt && message.Swiftgrpc_Test_Editions_extraInt == 0)
        message.Swiftgrpc_Test_Editions_extraInt = 0
        #expect(message.hasSwiftgrpc_Test_Editions_extraInt)  // presence: a set zero is set
        message.Swiftgrpc_Test_Editions_extraPacked = [1, 2]
        message.Swiftgrpc_Test_Editions_extraPayload.id = 7
        #expect(message.Swiftgrpc_Test_Editions_extraPayload.id == 7)
        #expect(message != Everything())
        message.clearSwiftgrpc_Test_Editions_extraInt()
        #expect(!message.hasSwiftgrpc_Test_Editions_extraInt)
        #expect(message.getExtensionValue(ext: Swiftgrpc_Test_Editions_Extensions_extra_packed) == [1, 2])
    }

    @Test func binaryKeepsUnknownExtensionsAndDecodesKnownOnes() throws {
        var message = Everything()
        message.Swiftgrpc_Test_Editions_extraInt = -3
        message.Swiftgrpc_Test_Editions_extraPacked = [5, 300]
        message.Swiftgrpc_Test_Editions_extraPayload.note = "n"
        let bytes = try message.serializedBytes(partial: true)
        #expect(bytes == [0xA0, 0x06] + varint(UInt64(bitPattern: -3)) + [0xAA, 0x06, 0x03, 0x05, 0xAC, 0x02]
            + [0xB2, 0x06, 0x03, 0x12, 0x01, 0x6E])
        let withoutMap = try Everything(serializedBytes: bytes, partial: true)
        #expect(!withoutMap.hasSwiftgrpc_Test_Editions_extraInt)
        #expect(try withoutMap.serializedBytes(partial: true) == bytes)  // kept as unknown fields
        let withMap = try Everything(serializedBytes: bytes, extensions: map, partial: true)
        #expect(withMap == message)
    }

    @Test func jsonAndTextNameExtensionsInBrackets() throws {
        var message = Everything()
        message.Swiftgrpc_Test_Editions_extraInt = 9
        message.Swiftgrpc_Test_Editions_extraPacked = [1]
        let json = try message.jsonString()
        #expect(json == #"{"[swiftgrpc.test.editions.extra_int]":9,"[swiftgrpc.test.editions.extra_packed]":[1]}"#)
        #expect(try Everything(jsonString: json, extensions: map) == message)
        #expect(throws: JSONDecodingError.self) { try Everything(jsonString: json) }  // unknown without the map
        let text = message.textFormatString()
        #expect(text == "[swiftgrpc.test.editions.extra_int]: 9\n[swiftgrpc.test.editions.extra_packed]: 1\n")
        #expect(try Everything(textFormatString: text, extensions: map) == message)
        #expect(throws: TextFormatDecodingError.self) { try Everything(textFormatString: text) }
    }

    @Test func messageSetWireFormat() throws {
        var message = P2.MessageSetCorrect()
        message.ProtobufTestMessages_Proto2_TestAllTypesProto2_MessageSetCorrectExtension1_messageSetExtension.str = "one"
        let bytes = try message.serializedBytes()
        // An Item group (1) holding type_id (2) and message (3); the message is str (25) = "one".
        let payload: [UInt8] = [0xCA, 0x01, 0x03] + Array("one".utf8)
        #expect(bytes == [0x0B, 0x10] + varint(1_547_769) + [0x1A, UInt8(payload.count)] + payload + [0x0C])
        let decoded = try P2.MessageSetCorrect(serializedBytes: bytes, extensions: ProtobufTestMessages_Proto2_TestMessagesProto2_Extensions)
        #expect(decoded == message)
        let unknown = try P2.MessageSetCorrect(serializedBytes: bytes)
        #expect(try unknown.serializedBytes() == bytes)
    }
}

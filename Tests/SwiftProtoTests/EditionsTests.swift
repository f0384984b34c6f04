import SwiftProto
import TestMessages
import Testing

/// What the edition features change in generated code (the Python oracle checks the wire).
@Suite struct EditionsTests {
    typealias Everything = Swiftgrpc_Test_Editions_Everything

    @Test func presenceAndDefaultsFollowTheFeatures() throws {
        var message = Everything()
        #expect(message.intWithDefault == 42 && message.stringWithDefault == "hi" && message.color == .green)
        message.implicitInt = 0  // IMPLICIT: a zero is not written
        message.explicitInt = 0  // EXPLICIT: it is
        #expect(try message.serializedBytes(partial: true) == [0x10, 0x00])
        #expect(!message.isInitialized)  // LEGACY_REQUIRED
        #expect(throws: BinaryEncodingError.self) { try message.serializedBytes() }
        message.requiredInt = 1
        #expect(message.isInitialized)
    }

    @Test func closedEnumsKeepUnknownNumbersAsUnknownFields() throws {
        // color (6) is of a CLOSED enum, status (7) of an OPEN one; 9 is a value of neither.
        let bytes: [UInt8] = [0x30, 0x09, 0x38, 0x09]
        let message = try Everything(serializedBytes: bytes, partial: true)
        #expect(!message.hasColor)
        #expect(message.status.rawValue == 9)
        #expect(message.unknownFields.data == [0x30, 0x09])
        #expect(try message.jsonString() == #"{"status":9}"#)
    }

    @Test func delimitedFieldsAreGroupsOnTheWire() throws {
        var sample = Swiftgrpc_Test_Editions2024_Sample()
        sample.delimitedChild.name = "x"
        sample.child.name = "y"
        #expect(try sample.serializedBytes() == [0x42, 0x03, 0x0A, 0x01, 0x79, 0x4B, 0x0A, 0x01, 0x78, 0x4C])
        #expect(sample.textFormatString().contains("delimited_child {"))
    }
}

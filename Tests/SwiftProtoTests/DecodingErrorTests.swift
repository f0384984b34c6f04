import SwiftProto
import TestMessages
import Testing

@Suite struct DecodingErrorTests {
    typealias M = Swiftgrpc_Test_Everything3

    func kind(of bytes: [UInt8]) -> BinaryDecodingError.Kind? {
        do {
            _ = try M(serializedBytes: bytes)
            return nil
        } catch let error as BinaryDecodingError {
            return error.kind
        } catch {
            return nil
        }
    }

    @Test func truncatedInput() {
        #expect(kind(of: [0x08]) == .truncated)
        #expect(kind(of: [0x08, 0x80]) == .truncated)
        #expect(kind(of: [0x3D, 1, 2]) == .truncated)  // fixed32 field with 2 bytes
        #expect(kind(of: [0x41, 1, 2, 3, 4, 5, 6, 7]) == .truncated)  // fixed64 with 7 bytes
    }

    @Test func varintLongerThanTenBytes() {
        #expect(kind(of: [0x08] + [UInt8](repeating: 0xFF, count: 10) + [0x01]) == .varintTooLong)
        #expect(kind(of: [0x08] + [UInt8](repeating: 0x80, count: 9) + [0x01]) == nil)
    }

    @Test func invalidWireTypeAndFieldNumber() {
        #expect(kind(of: [0x0E]) == .invalidWireType)  // wire type 6
        #expect(kind(of: [0x0F]) == .invalidWireType)  // wire type 7
        #expect(kind(of: [0x00, 0x01]) == .invalidFieldNumber)
        #expect(kind(of: [0x80, 0x80, 0x80, 0x80, 0x10]) == .invalidTag)  // tag above 32 bits
    }

    @Test func lengthBeyondInput() {
        #expect(kind(of: [0x72, 0x05, 0x61]) == .lengthOutOfBounds)
        #expect(kind(of: [0x72] + varint(UInt64.max)) == .lengthOutOfBounds)
    }

    @Test func invalidUTF8() {
        for bad: [UInt8] in [[0xC3, 0x28], [0xED, 0xA0, 0x80], [0xC0, 0xAF], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(kind(of: [0x72, UInt8(bad.count)] + bad) == .invalidUTF8)
        }
        // bytes fields take anything.
        #expect(kind(of: [0x7A, 2, 0xC3, 0x28]) == nil)
    }

    @Test func endGroupMismatchAndUnclosedGroups() {
        #expect(kind(of: [0x0C]) == .endGroupMismatch)  // end group 1 with nothing open
        #expect(kind(of: tag(40, .startGroup) + tag(41, .endGroup)) == .endGroupMismatch)
        #expect(kind(of: tag(40, .startGroup) + [0x08, 0x01]) == .unclosedGroup)
        #expect(kind(of: tag(40, .startGroup) + [0x08, 0x01] + tag(40, .endGroup)) == nil)
    }

    @Test func nestingDeeperThanTheLimit() throws {
        func nested(_ depth: Int) -> [UInt8] {
            var bytes: [UInt8] = []
            for _ in 0..<depth {
                bytes = tag(100, .lengthDelimited) + varint(UInt64(bytes.count)) + bytes
            }
            return bytes
        }
        #expect(kind(of: nested(100)) == nil)
        #expect(kind(of: nested(101)) == .depthLimitExceeded)
        // Unknown groups count too.
        var groups: [UInt8] = []
        for _ in 0..<200 { groups = tag(999, .startGroup) + groups + tag(999, .endGroup) }
        #expect(kind(of: groups) == .depthLimitExceeded)
    }

    @Test func packedFixedWidthWithPartialElement() {
        #expect(kind(of: tag(37, .lengthDelimited) + [3, 1, 2, 3]) == .trailingBytesInPacked)
    }

    @Test func errorsSayWhatAndWhere() throws {
        let error = #expect(throws: BinaryDecodingError.self) {
            try M(serializedBytes: [0x08, 0x01, 0x72, 0x02, 0xC3, 0x28])
        }
        #expect(error?.fieldNumber == 14)
        #expect(error?.description.contains("UTF-8") == true)
        #expect(error?.description.contains("field 14") == true)
    }
}

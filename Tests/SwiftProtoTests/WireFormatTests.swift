import SwiftProto
import TestMessages
import Testing

@Suite struct WireFormatTests {
    static let varintCases: [(UInt64, [UInt8])] = [
        (0, [0]), (1, [1]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]),
        (UInt64(UInt32.max), [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
        (UInt64.max, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]),
    ]

    @Test(arguments: varintCases)
    func varints(value: UInt64, bytes: [UInt8]) throws {
        #expect(encoded(ProtoUInt64.self, value) == bytes)
        #expect(try decoded(ProtoUInt64.self, bytes) == value)
        #expect(WireFormat.varintSize(value) == bytes.count)
    }

    @Test func negativeInt32TakesTenBytes() throws {
        let bytes = encoded(ProtoInt32.self, -1)
        #expect(bytes == [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01])
        #expect(try decoded(ProtoInt32.self, bytes) == -1)
        #expect(try decoded(ProtoInt32.self, encoded(ProtoInt32.self, Int32.min)) == Int32.min)
        #expect(encoded(ProtoInt32.self, Int32.min).count == 10)
    }

    @Test(arguments: [Int64.min, Int64.min + 1, -1, 0, 1, Int64.max - 1, Int64.max])
    func int64AndSInt64Boundaries(value: Int64) throws {
        #expect(try decoded(ProtoInt64.self, encoded(ProtoInt64.self, value)) == value)
        #expect(try decoded(ProtoSInt64.self, encoded(ProtoSInt64.self, value)) == value)
        #expect(try decoded(ProtoSFixed64.self, encoded(ProtoSFixed64.self, value)) == value)
    }

    @Test func zigZagMapsSmallMagnitudesToSmallNumbers() {
        #expect(WireFormat.zigZag32(0) == 0)
        #expect(WireFormat.zigZag32(-1) == 1)
        #expect(WireFormat.zigZag32(1) == 2)
        #expect(WireFormat.zigZag32(Int32.max) == UInt32.max - 1)
        #expect(WireFormat.zigZag32(Int32.min) == UInt32.max)
        #expect(WireFormat.zigZag64(Int64.min) == UInt64.max)
        #expect(WireFormat.unZigZag64(UInt64.max) == Int64.min)
        #expect(WireFormat.unZigZag32(UInt32.max - 1) == Int32.max)
        #expect(encoded(ProtoSInt32.self, -1) == [1])
        #expect(encoded(ProtoSInt64.self, -64) == [0x7F])
    }

    @Test func fixedWidthIsLittleEndian() throws {
        #expect(encoded(ProtoFixed32.self, 0x0102_0304) == [4, 3, 2, 1])
        #expect(encoded(ProtoFixed64.self, 0x0102_0304_0506_0708) == [8, 7, 6, 5, 4, 3, 2, 1])
        #expect(encoded(ProtoSFixed32.self, -2) == [0xFE, 0xFF, 0xFF, 0xFF])
        #expect(try decoded(ProtoSFixed32.self, [0, 0, 0, 0x80]) == Int32.min)
        #expect(try decoded(ProtoFixed32.self, [0xFF, 0xFF, 0xFF, 0xFF]) == UInt32.max)
    }

    @Test func floatsKeepTheirBits() throws {
        let negativeZero = try decoded(ProtoDouble.self, encoded(ProtoDouble.self, -0.0))
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        let nan = Double(bitPattern: 0x7FF8_0000_0000_0123)
        #expect(try decoded(ProtoDouble.self, encoded(ProtoDouble.self, nan)).bitPattern == nan.bitPattern)
        let floatNaN = Float(bitPattern: 0x7FC0_0042)
        #expect(try decoded(ProtoFloat.self, encoded(ProtoFloat.self, floatNaN)).bitPattern == floatNaN.bitPattern)
        #expect(try decoded(ProtoFloat.self, encoded(ProtoFloat.self, .infinity)) == .infinity)
        #expect(try decoded(ProtoDouble.self, encoded(ProtoDouble.self, .leastNonzeroMagnitude)) == .leastNonzeroMagnitude)
        #expect(encoded(ProtoFloat.self, 1.0) == [0, 0, 0x80, 0x3F])
    }

    @Test func boolAcceptsAnyNonZeroVarint() throws {
        #expect(encoded(ProtoBool.self, true) == [1])
        #expect(try decoded(ProtoBool.self, [0x80, 0x01]) == true)
        #expect(try decoded(ProtoBool.self, [0]) == false)
    }

    @Test func stringsAndBytes() throws {
        #expect(encoded(ProtoString.self, "") == [0])
        #expect(encoded(ProtoString.self, "é") == [2, 0xC3, 0xA9])
        let big = String(repeating: "ab€", count: 1 << 18)  // 1.25 MiB of UTF-8
        #expect(try decoded(ProtoString.self, encoded(ProtoString.self, big)) == big)
        let bytes = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        #expect(try decoded(ProtoBytes.self, encoded(ProtoBytes.self, bytes)) == bytes)
        #expect(try decoded(ProtoBytes.self, [0]) == [])
    }

    @Test func largestFieldNumberRoundTrips() throws {
        var message = Swiftgrpc_Test_Everything3()
        message.lastField = -7
        let bytes = try message.serializedBytes()
        #expect(Array(bytes.prefix(5)) == tag(WireFormat.maxFieldNumber, .varint))
        #expect(try Swiftgrpc_Test_Everything3(serializedBytes: bytes).lastField == -7)
    }

    @Test func encoderGrowsPastItsFirstBuffer() throws {
        var message = Swiftgrpc_Test_Everything3()
        message.rInt64 = (0..<10_000).map { Int64($0) * 1_000_003 }
        message.rString = (0..<500).map { "item \($0)" }
        let decodedMessage = try Swiftgrpc_Test_Everything3(serializedBytes: try message.serializedBytes())
        #expect(decodedMessage == message)
    }
}

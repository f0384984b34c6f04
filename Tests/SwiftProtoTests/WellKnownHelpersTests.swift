import SwiftProto
import SwiftProtoFoundation
import TestMessages
import Testing

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

@Suite struct WellKnownHelpersTests {
    typealias Timestamp = Google_Protobuf_Timestamp
    typealias ProtoDuration = Google_Protobuf_Duration

    @Test func timestampsNormaliseAndConvert() {
        let t = Timestamp(seconds: 10, nanos: -1)
        #expect(t.seconds == 9 && t.nanos == 999_999_999)
        #expect(Timestamp(seconds: 0, nanos: 2_000_000_001) == Timestamp(seconds: 2, nanos: 1))
        #expect(Timestamp(sinceUnixEpoch: .milliseconds(-1500)) == Timestamp(seconds: -2, nanos: 500_000_000))
        #expect(Timestamp(seconds: 3, nanos: 7).sinceUnixEpoch == .seconds(3) + .nanoseconds(7))
        #expect(Timestamp(sinceUnixEpoch: .nanoseconds(1) / 2).nanos == 1)  // half a nanosecond rounds away
        #expect(Timestamp(sinceUnixEpoch: .nanoseconds(1) / 2, rule: .towardZero).nanos == 0)
        #expect(Timestamp(seconds: 253_402_300_799, nanos: 999_999_999).isValid)
        #expect(!Timestamp(seconds: 253_402_300_800).isValid)
        #expect(throws: WellKnownTypeError.self) { try Timestamp(seconds: -62_135_596_801).validated() }
    }

    @Test func durationsNormaliseConvertAndCompute() {
        #expect(ProtoDuration(seconds: 1, nanos: -1) == ProtoDuration(seconds: 0, nanos: 999_999_999))
        #expect(ProtoDuration(seconds: -1, nanos: 1).nanos == -999_999_999)
        #expect(ProtoDuration(seconds: 0, nanos: -1_500_000_000) == ProtoDuration(seconds: -1, nanos: -500_000_000))
        #expect(Duration(ProtoDuration(seconds: -1, nanos: -500_000_000)) == .milliseconds(-1500))
        #expect(ProtoDuration(rounding: .milliseconds(-1500)) == ProtoDuration(seconds: -1, nanos: -500_000_000))
        let literal: ProtoDuration = 1.25
        #expect(literal == ProtoDuration(seconds: 1, nanos: 250_000_000))
        #expect(-literal + 2 == ProtoDuration(seconds: 0, nanos: 750_000_000))
        #expect(ProtoDuration(seconds: 1) < literal)
        let start = Timestamp(seconds: 100, nanos: 900_000_000)
        let end = start + ProtoDuration(seconds: 0, nanos: 200_000_000)
        #expect(end == Timestamp(seconds: 101, nanos: 100_000_000))
        #expect(end - start == ProtoDuration(seconds: 0, nanos: 200_000_000))
        #expect(start - end == ProtoDuration(seconds: 0, nanos: -200_000_000))
        #expect(!ProtoDuration(seconds: 315_576_000_001).isValid)
        var mixed = ProtoDuration()
        mixed.seconds = 1
        mixed.nanos = -1
        #expect(!mixed.isValid)
    }

    @Test func anyPacksUnpacksAndChecksItsType() throws {
        var inner = Swiftgrpc_Test_Imported_ImportedMessage()
        inner.value = 5
        let any = try Google_Protobuf_Any(message: inner)
        #expect(any.typeURL == "type.googleapis.com/swiftgrpc.test.imported.ImportedMessage")
        #expect(any.isA(Swiftgrpc_Test_Imported_ImportedMessage.self))
        #expect(!any.isA(Google_Protobuf_Duration.self))
        #expect(try any.unpack(Swiftgrpc_Test_Imported_ImportedMessage.self) == inner)
        #expect(try Swiftgrpc_Test_Imported_ImportedMessage(unpackingAny: any) == inner)
        #expect(throws: AnyUnpackError.typeMismatch(expected: "google.protobuf.Duration", typeURL: any.typeURL)) {
            try any.unpack(Google_Protobuf_Duration.self)
        }
        #expect(try Google_Protobuf_Any(message: inner, typePrefix: "example.com/types/").typeURL
            == "example.com/types/swiftgrpc.test.imported.ImportedMessage")
        #expect(throws: BinaryEncodingError.self) { try Google_Protobuf_Any(message: P2WithRequired()) }
    }

    @Test func structsFromLiterals() throws {
        let object: Google_Protobuf_Struct = ["name": "demo", "count": 3, "ratio": 0.5, "on": true, "none": nil,
                                              "list": [1, "a"], "nested": ["deep": [nil]]]
        #expect(object["count"]?.numberValue == 3)
        #expect(object["list"]?.listValue[1].stringValue == "a")
        #expect(object["nested"]?.structValue["deep"]?.listValue.values == [nil])
        let json = try object.jsonString(options: deterministic)
        #expect(json.contains(#""list":[1,"a"]"#), "\(json)")
        var edited = object
        edited["name"] = nil
        #expect(edited.fields.count == 6)
    }

    @Test func fieldMasks() {
        let mask = Google_Protobuf_FieldMask(protoPaths: "user.name", "user", "id", "id")
        #expect(mask.canonical.paths == ["id", "user"])
        #expect(mask.contains("user.name.first") && !mask.contains("username"))
        let other = Google_Protobuf_FieldMask(protoPaths: "user.email", "other")
        #expect(mask.intersect(other).paths == ["user.email"])
        #expect(mask.union(other).paths == ["id", "other", "user"])
        #expect(mask.subtract(Google_Protobuf_FieldMask(protoPaths: "user")).paths == ["id"])
        #expect(Google_Protobuf_FieldMask(jsonPaths: "user.displayName")?.paths == ["user.display_name"])
        #expect(Google_Protobuf_FieldMask(jsonPaths: "bad_path") == nil)
    }

    @Test func wrappersFromLiterals() {
        let limit: Google_Protobuf_Int32Value = 10
        let name: Google_Protobuf_StringValue = "n"
        let flag: Google_Protobuf_BoolValue = true
        let ratio: Google_Protobuf_DoubleValue = 0.5
        let bytes: Google_Protobuf_BytesValue = [1, 2]
        #expect(limit.value == 10 && name.value == "n" && flag.value && ratio.value == 0.5 && bytes.value == [1, 2])
        #expect(Google_Protobuf_UInt64Value(UInt64.max).value == .max)
    }

    @Test func foundationConveniences() throws {
        let date = Date(timeIntervalSince1970: 1_700_000_000.25)
        let timestamp = Timestamp(date: date)
        #expect(timestamp == Timestamp(seconds: 1_700_000_000, nanos: 250_000_000))
        #expect(timestamp.date == date)
        #expect(Timestamp(roundingTimeIntervalSince1970: -0.5) == Timestamp(seconds: -1, nanos: 500_000_000))
        #expect(ProtoDuration(rounding: 1.5).timeInterval == 1.5)
        #expect(ProtoDuration(rounding: -1.5) == ProtoDuration(seconds: -1, nanos: -500_000_000))
        let data = Data([1, 2, 3])
        #expect(Google_Protobuf_BytesValue(data).value == [1, 2, 3])
        let message = Google_Protobuf_BytesValue(data)
        #expect(try Google_Protobuf_BytesValue(serializedData: try message.serializedData()) == message)
        #expect(try Google_Protobuf_BytesValue(jsonUTF8Data: try message.jsonUTF8Data()) == message)
    }

    var deterministic: JSONEncodingOptions {
        var options = JSONEncodingOptions()
        options.useDeterministicOrdering = true
        return options
    }
}

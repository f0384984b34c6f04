import SwiftProto
import TestMessages
import Testing

/// ProtoJSON's field forms, options and errors; protobuf's conformance suite covers the spec
/// at large, these pin what our API promises on top of it.
@Suite struct JSONTests {
    typealias M3 = Swiftgrpc_Test_Everything3

    @Test func fieldFormsFollowTheMapping() throws {
        var message = M3()
        message.fInt64 = -5
        message.fUint64 = UInt64.max
        message.fBytes = [0xFB, 0xFF]
        message.fMood = .sad
        message.fDouble = .infinity
        message.rFloat = [.nan, 1.5]
        message.mInt64String = [7: "seven"]
        message.oInt32 = 0
        let json = try message.jsonString(options: .with { $0.useDeterministicOrdering = true })
        #expect(json == #"{"fInt64":"-5","fUint64":"18446744073709551615","fDouble":"Infinity","fBytes":"+/8=","fMood":"SAD","#
            + #""oInt32":0,"rFloat":["NaN",1.5],"mInt64String":{"7":"seven"}}"#)
    }

    @Test func wholeDoublesPrintWithoutAFractionButNegativeZeroKeepsItsSign() throws {
        var message = M3()
        message.fDouble = 3
        message.rDouble = [-0.0, 1e300, 0.1]
        #expect(try message.jsonString() == #"{"fDouble":3,"rDouble":[-0.0,1e+300,0.1]}"#)
        #expect(try M3(jsonString: try message.jsonString()).rDouble[0].sign == .minus)
    }

    /// The reader's fast paths for short numbers against the standard library's parser.
    @Test func numbersReadAsTheStandardLibraryReadsThem() throws {
        var random = FuzzTests.Generator(state: 0xD0_0B1E)
        for _ in 0..<20_000 {
            let digits = String(random.next() % 10_000_000_000_000_000)
            let fraction = random.next() % 3 == 0 ? "" : "." + String(random.next() % 100_000_000)
            let exponent = random.next() % 3 == 0 ? "" : "e" + String(Int(random.next() % 60) - 30)
            let text = (random.next() % 2 == 0 ? "-" : "") + digits + fraction + exponent
            #expect(try Google_Protobuf_DoubleValue(jsonString: text).value == Double(text), "\(text)")
            if let float = Float(text), float.isFinite {
                #expect(try Google_Protobuf_FloatValue(jsonString: text).value == float, "\(text)")
            } else {
                #expect(throws: JSONDecodingError.self) { try Google_Protobuf_FloatValue(jsonString: text) }
            }
            if fraction.isEmpty && exponent.isEmpty, let exact = Int64(text) {
                #expect(try Google_Protobuf_Int64Value(jsonString: "\"\(text)\"").value == exact)
            }
        }
        for _ in 0..<20_000 {  // printed doubles: 16 and 17 digits, through the extended fast path
            let value = Double(bitPattern: random.next() >> (random.next() % 2 == 0 ? 0 : 2))
            guard value.isFinite else { continue }
            let scaled = random.next() % 2 == 0 ? value : Double(random.next() % 1_000_000_000) / 997
            #expect(try Google_Protobuf_DoubleValue(jsonString: scaled.description).value == scaled, "\(scaled)")
        }
        for shift in 0..<64 {  // integers of every length print as Swift prints them
            let value = Int64(bitPattern: random.next() >> UInt64(shift))
            #expect(try Google_Protobuf_Int64Value(value).jsonString() == "\"\(value)\"")
            #expect(try Google_Protobuf_Int32Value(Int32(truncatingIfNeeded: value)).jsonString() == "\(Int32(truncatingIfNeeded: value))")
        }
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Int64Value(jsonString: "01") }
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Int64Value(jsonString: "9223372036854775808") }
        #expect(try Google_Protobuf_Int64Value(jsonString: "-9223372036854775808").value == .min)
        #expect(try Google_Protobuf_UInt64Value(jsonString: "18446744073709551615").value == .max)
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Int32Value(jsonString: "1-2") }
    }

    @Test func inputAcceptsBothNamesNumbersForInt64sAndBothBase64Alphabets() throws {
        let message = try M3(jsonString: #"{"f_int64": -5, "fUint64": "18446744073709551615", "fBytes": "-_8", "f_mood": 2, "rMood": [1, 99]}"#)
        #expect(message.fInt64 == -5 && message.fUint64 == .max && message.fBytes == [0xFB, 0xFF])
        #expect(message.fMood == .sad)
        #expect(message.rMood == [.happy, M3.Mood(rawValue: 99)!])  // an unknown number of an open enum is kept
        #expect(try message.jsonString().contains(#""rMood":["HAPPY",99]"#))
    }

    @Test func nullLeavesAFieldUnset() throws {
        let message = try M3(jsonString: #"{"fInt32": null, "oString": null, "fNested": null, "rInt32": null, "mInt32Int32": null}"#)
        #expect(message == M3())
    }

    @Test func options() throws {
        var message = M3()
        message.fInt64 = 3
        message.fMood = .happy
        var options = JSONEncodingOptions()
        options.alwaysPrintInt64sAsNumbers = true
        options.alwaysPrintEnumsAsInts = true
        options.preserveProtoFieldNames = true
        #expect(try message.jsonString(options: options) == #"{"f_int64":3,"f_mood":1}"#)
        options = JSONEncodingOptions()
        options.alwaysPrintFieldsWithDefaultValues = true
        let full = try M3().jsonString(options: options)
        #expect(full.contains(#""fInt32":0"#) && full.contains(#""rInt32":[]"#) && full.contains(#""mInt32Int32":{}"#))
        #expect(!full.contains("oInt32"))  // explicit presence: unset stays absent

        #expect(throws: JSONDecodingError.self) { try M3(jsonString: #"{"noSuchField": 1}"#) }
        var lenient = JSONDecodingOptions()
        lenient.ignoreUnknownFields = true
        #expect(try M3(jsonString: #"{"noSuchField": {"a": [1, 2]}, "fInt32": 4}"#, options: lenient).fInt32 == 4)
    }

    @Test func errorsSayWhatAndWhere() {
        func failure(_ json: String) -> JSONDecodingError? {
            do {
                _ = try M3(jsonString: json)
                return nil
            } catch let error as JSONDecodingError {
                return error
            } catch {
                return nil
            }
        }
        let overflow = failure(#"{"fNested": {"back": {"fInt32": 3000000000}}}"#)
        #expect(overflow?.path == "f_nested.back.f_int32")
        #expect(overflow?.offset == 32)
        let badEnum = failure(#"{"rMood": ["HAPPY", "GLAD"]}"#)
        #expect(badEnum?.path == "r_mood[1]")
        #expect(failure(#"{"rNested": [{}, {"a": "x"}]}"#)?.path == "r_nested[1].a")
        #expect(failure(#"{"mStringNested": {"k": {"back": {"fBool": 1}}}}"#)?.path == "m_string_nested[k].back.f_bool")
        #expect(failure(#"{"fNested": {"a": 1}, "nope": 1}"#)?.path == "")
        #expect(badEnum?.description.contains("GLAD") == true)
        let truncated = failure(#"{"fString": "abc"#)
        #expect(truncated != nil)
        #expect(failure(#"{"fInt32": 1} x"#)?.reason.isEmpty == false)
        #expect(failure(#"{"cInt32": 1, "cString": "a"}"#) != nil)  // two members of one oneof
    }

    @Test func nestingDepthIsBounded() {
        let deep = String(repeating: #"{"fNested": {"back": "#, count: 60) + "{}" + String(repeating: "}}", count: 60)
        #expect(throws: JSONDecodingError.self) { try M3(jsonString: deep) }
        var options = JSONDecodingOptions()
        options.messageDepthLimit = 200
        #expect((try? M3(jsonString: deep, options: options)) != nil)
    }

    @Test func wellKnownTypesInTheirSpecialForms() throws {
        let timestamp = Google_Protobuf_Timestamp(seconds: 1_700_000_000, nanos: 5_000_000)
        #expect(try timestamp.jsonString() == #""2023-11-14T22:13:20.005Z""#)
        #expect(try Google_Protobuf_Timestamp(jsonString: #""2023-11-14T23:13:20.005+01:00""#) == timestamp)
        #expect(throws: JSONEncodingError.self) { try Google_Protobuf_Timestamp(seconds: 253_402_300_800).jsonString() }
        #expect(try Google_Protobuf_Duration(seconds: -1, nanos: -500_000_000).jsonString() == #""-1.500s""#)
        #expect(try Google_Protobuf_FieldMask(protoPaths: "user.display_name", "id").jsonString() == #""user.displayName,id""#)
        let value: Google_Protobuf_Struct = ["list": [1, "two", nil, true], "nested": ["x": 0.5]]
        let decoded = try Google_Protobuf_Struct(jsonString: try value.jsonString())
        #expect(decoded == value)
        #expect(try Google_Protobuf_Int64Value(7).jsonString() == #""7""#)
        #expect(try Google_Protobuf_Empty().jsonString() == "{}")
        let any = try Google_Protobuf_Any(message: Google_Protobuf_Duration(seconds: 2))
        #expect(try any.jsonString() == #"{"@type":"type.googleapis.com/google.protobuf.Duration","value":"2s"}"#)
    }

    @Test func anyNeedsItsTypeRegistered() throws {
        var inner = Swiftgrpc_Test_Imported_ImportedMessage()
        inner.value = 3
        let any = try Google_Protobuf_Any(message: inner)
        if Google_Protobuf_Any.messageType(forTypeURL: any.typeURL) == nil {
            #expect(throws: JSONEncodingError.self) { try any.jsonString() }
        }
        DescriptorRegistry.register(messageType: Swiftgrpc_Test_Imported_ImportedMessage.self)
        let json = try any.jsonString()
        #expect(json == #"{"@type":"type.googleapis.com/swiftgrpc.test.imported.ImportedMessage","value":3}"#)
        #expect(try Google_Protobuf_Any(jsonString: json) == any)
        #expect(throws: JSONDecodingError.self) { try Google_Protobuf_Any(jsonString: #"{"@type": "x/no.Such", "a": 1}"#) }
    }

    @Test func bytesAndStringsAreEquivalentInputs() throws {
        let text = #"{"fString": "h\u00e9\ud83d\ude00", "rString": ["\"\\\/\b\f\n\r\t"]}"#
        let fromString = try M3(jsonString: text)
        let fromBytes = try M3(jsonUTF8Bytes: Array(text.utf8))
        #expect(fromString == fromBytes)
        #expect(fromString.fString == "hé😀")
        #expect(throws: JSONDecodingError.self) { try M3(jsonString: #"{"fString": "\ud83d"}"#) }  // a lone surrogate
    }
}

extension JSONEncodingOptions {
    static func with(_ body: (inout Self) -> Void) -> Self {
        var options = Self()
        body(&options)
        return options
    }
}

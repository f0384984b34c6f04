import SwiftProto
import TestMessages
import Testing

/// Text format beyond the conformance suite: the forms other printers produce, and errors
/// with line and column.
@Suite struct TextFormatTests {
    typealias M3 = Swiftgrpc_Test_Everything3
    typealias M2 = P2Everything2

    @Test func readsTheFormsOtherImplementationsWrite() throws {
        let text = """
            # a comment
            f_int32: 0x1F  f_int64: -012
            f_string: 'single' "and double" # concatenated
            f_bytes: "\\001\\x02\\u00e9"
            f_double: -inf
            r_int32: [1, 2, 3]
            r_int32: 4;
            f_nested < a: 5 >
            r_nested { a: 6 }, r_nested: { a: 7 }
            m_int32_int32 { key: 1 }
            m_int32_int32 { value: 9 }
            m_string_nested { key: "k" value { a: 1 } }
            """
        let message = try M3(textFormatString: text)
        #expect(message.fInt32 == 31 && message.fInt64 == -10)
        #expect(message.fString == "singleand double")
        #expect(message.fBytes == [1, 2, 0xC3, 0xA9])
        #expect(message.fDouble == -.infinity)
        #expect(message.rInt32 == [1, 2, 3, 4])
        #expect(message.fNested.a == 5 && message.rNested.map(\.a) == [6, 7])
        #expect(message.mInt32Int32 == [1: 0, 0: 9])
        #expect(message.mStringNested["k"]?.a == 1)
        #expect(try M3(textFormatString: message.textFormatString()) == message)
    }

    @Test func groupsUseTheirTypeName() throws {
        var message = M2()
        message.optionalGroup.groupInt32 = 3
        let text = message.textFormatString()
        #expect(text.contains("OptionalGroup {"))
        #expect(try M2(textFormatString: text) == message)
    }

    @Test func errorsGiveLineAndColumn() {
        func failure(_ text: String) -> TextFormatDecodingError? {
            do {
                _ = try M3(textFormatString: text)
                return nil
            } catch let error as TextFormatDecodingError {
                return error
            } catch {
                return nil
            }
        }
        let unknown = failure("f_int32: 1\n  no_such_field: 2")
        #expect(unknown?.line == 2 && unknown?.column == 3)
        #expect(unknown?.reason.contains("no_such_field") == true)
        let range = failure("f_nested {\n a: 99999999999 }")
        #expect(range?.line == 2)
        #expect(failure("f_int32: 1 f_int32: 2") != nil)  // a singular field twice
        #expect(failure("f_nested { a: 1") != nil)
        #expect(failure("f_string: \"unterminated") != nil)
        #expect(failure("f_mood: GLAD") != nil)
    }

    @Test func unknownFieldsPrintAsNumbersOrNot() throws {
        var carrier = M3()
        carrier.fInt32 = 1
        carrier.fNested.a = 2
        let nothing = try Swiftgrpc_Test_Imported_Nothing(serializedBytes: try carrier.serializedBytes())
        #expect(nothing.textFormatString() == "1: 1\n16 {\n  1: 2\n}\n")
        var options = TextFormatEncodingOptions()
        options.printUnknownFields = false
        #expect(nothing.textFormatString(options: options).isEmpty)
    }

    @Test func anyExpandsWhenItsTypeIsKnown() throws {
        let any = try Google_Protobuf_Any(message: Google_Protobuf_Duration(seconds: 3))
        let text = any.textFormatString()
        #expect(text == "[type.googleapis.com/google.protobuf.Duration] {\n  seconds: 3\n}\n")
        #expect(try Google_Protobuf_Any(textFormatString: text) == any)
    }

    @Test func nestingDepthIsBounded() {
        let deep = String(repeating: "f_nested { back { ", count: 60) + String(repeating: "} } ", count: 60)
        #expect(throws: TextFormatDecodingError.self) { try M3(textFormatString: deep) }
    }
}

import Testing
@testable import SwiftGRPCGenerator

@Suite struct NamerTests {
    @Test(arguments: [
        ("optional_int32", "optionalInt32"), ("field_name1", "fieldName1"), ("_field_name3", "fieldName3"),
        ("field__name4_", "fieldName4"), ("field0name5", "field0Name5"), ("FIELD_NAME11", "fieldName11"),
        ("FieldName8", "fieldName8"), ("HTTPServer", "httpServer"), ("url", "url"), ("class", "class"),
        ("unknown_fields", "unknownFields_p"), ("has_value", "hasValue_p"), ("clear_all", "clearAll_p"),
        ("hash", "hash_p"), ("1st", "_1St"), ("request_id", "requestID"), ("type_url", "typeURL"), ("id", "id"),
    ])
    func fieldNames(proto: String, swift: String) {
        #expect(Namer.fieldName(proto) == swift)
    }

    @Test func keywordsAreQuoted() {
        #expect(Namer.quoted("class") == "`class`")
        #expect(Namer.quoted("name") == "name")
    }

    @Test(arguments: [
        ("helloworld", "Helloworld_"), ("protobuf_test_messages.proto3", "ProtobufTestMessages_Proto3_"),
        ("google.protobuf", "Google_Protobuf_"), ("", ""),
    ])
    func typePrefixes(package: String, prefix: String) {
        #expect(Namer.typePrefix(package: package, swiftPrefix: nil) == prefix)
    }

    @Test func swiftPrefixOptionWins() {
        #expect(Namer.typePrefix(package: "a.b", swiftPrefix: "XY") == "XY")
    }

    @Test(arguments: [
        ("CORPUS_WEB", "Corpus", "web"), ("FOREIGN_FOO", "ForeignEnum", "foreignFoo"), ("FOO", "NestedEnum", "foo"),
        ("TYPE_INT32", "Type", "int32"), ("LABEL_OPTIONAL", "Label", "optional"), ("COLOR_1", "Color", "color1"),
        ("init", "E", "init_"), ("rawValue", "E", "rawValue_"),
    ])
    func enumCases(value: String, enumName: String, swift: String) {
        #expect(Namer.enumCaseName(value, enumName: enumName) == swift)
    }

    @Test func reservedTypeNamesGetASuffixOnlyWhenUnprefixed() {
        #expect(Namer.typeName("Type", suffix: "Message", prefixed: false) == "TypeMessage")
        #expect(Namer.typeName("Any", suffix: "Message", prefixed: true) == "Any")
        #expect(Namer.typeName("Greeting", suffix: "Message", prefixed: false) == "Greeting")
    }

    @Test func fieldsSpelledAlikeAreNumbered() {
        let names = Namer.fieldNames([("fieldName", 1), ("fieldName", 2), ("value", 3), ("choice", 4)], oneofProperties: ["choice"])
        #expect(names == ["fieldName", "fieldName_2", "value", "choice_4"])
    }

    @Test func enumValuesSpelledAlikeAreNumberedAndAliasesDropped() {
        let names = Namer.enumCaseNames([("E_FOO_BAR", 0), ("E_FooBar", 1), ("E_MOO", 2), ("E_moo", 2), ("E_COW", 2)], enumName: "E")
        #expect(names == ["fooBar", "fooBar_1", "moo", nil, "cow"])
        #expect(Namer.enumCaseNames([("X_A", 0), ("A", -5)], enumName: "X") == ["a", "a_5"])
    }

    @Test func methodNamesAreQuotedAndNumbered() {
        #expect(Namer.methodNames(["SayHello", "init", "self", "Type", "class", "Get", "get"])
            == ["sayHello", "`init`", "`self`", "type", "`class`", "get", "get_6"])
    }

    @Test(arguments: [
        ("Greeter", "Helloworld_", "Helloworld_Greeter"), ("Protocol", "", "ProtocolService"), ("Type", "", "TypeService"),
        ("Self", "", "SelfService"), ("Protocol", "Pkg_", "Pkg_Protocol"), ("Echo", "Pkg_", "Pkg_EchoService"),
    ])
    func serviceNamespaces(service: String, prefix: String, swift: String) {
        #expect(Namer.serviceNamespace(service, typePrefix: prefix, takenTypeNames: ["Pkg_Echo"]) == swift)
    }
}

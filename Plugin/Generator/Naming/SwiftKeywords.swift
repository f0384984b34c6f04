/// Words a generated identifier must not be spelled as, or must be escaped from.
enum SwiftKeywords {
    /// Keywords that backticks make usable as property and case names.
    static let quotable: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import",
        "init", "inout", "internal", "let", "open", "operator", "private", "precedencegroup",
        "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias", "var",
        "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough",
        "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "as", "false", "is", "nil", "super", "throws", "true", "try", "any", "some",
        "associativity", "dynamicType", "optional", "required", "package", "consume", "copy",
        "borrowing", "consuming", "await", "async", "each", "discard", "self",
    ]

    /// Names that would clash with members every generated message or enum has; these get a suffix.
    static let reservedMessageMembers: Set<String> = [
        "unknownFields", "isInitialized", "debugDescription", "description", "hashValue",
        "textFormatString", "protoMessageName", "serializedBytes", "decodeMessage", "encodeMessage",
        "printText", "with", "merge", "dynamicType", "init", "self", "Type", "Protocol", "hash",
        "encodeJSON", "decodeJSON", "readsJSONNull", "jsonString", "jsonUTF8Bytes", "decodeText",
    ]

    static let reservedEnumCases: Set<String> = [
        "allCases", "debugDescription", "description", "dynamicType", "hashValue", "init",
        "rawValue", "self", "UNRECOGNIZED", "Type", "Protocol",
    ]

    /// Type names that would shadow what generated code refers to.
    static let reservedTypeNames: Set<String> = Set([
        "SwiftProto", "Swift", "Type", "Protocol", "Int", "Int32", "Int64", "UInt32", "UInt64",
        "Float", "Double", "Bool", "String", "Array", "Dictionary", "Optional", "Character",
        "Error", "Equatable", "Hashable", "Sendable", "Message", "Enum", "Any", "AnyObject",
        "Self", "Never", "Void", "Result", "Set",
    ]).union(quotable)
}

/// Every Swift identifier the plugin emits is spelled here: swift-protobuf's conventions
/// (`Package_Message`, lowerCamelCase fields, prefix-stripped enum cases) so code reads familiar.
enum Namer {
    /// Splits a proto identifier into lowercase words at underscores, lower-to-upper changes,
    /// the last capital of an acronym (`HTTPServer` → http, server) and letter-digit changes.
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        let scalars = Array(name.unicodeScalars)
        func flush() {
            if !current.isEmpty { words.append(current) }
            current = ""
        }
        for (index, scalar) in scalars.enumerated() {
            if scalar == "_" {
                flush()
                continue
            }
            let previous = index > 0 ? scalars[index - 1] : nil
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if let previous, previous != "_" {
                let startsWord =
                    (isUpper(scalar) && !isUpper(previous))
                    || (isUpper(scalar) && isUpper(previous) && next.map(isLower) == true)
                    || (isLetter(scalar) && isDigit(previous))
                if startsWord { flush() }
            }
            current.unicodeScalars.append(lower(scalar))
        }
        flush()
        return words
    }

    static func upperCamel(_ name: String) -> String {
        words(name).map(inner).joined()
    }

    static func lowerCamel(_ name: String) -> String {
        let parts = words(name)
        guard let first = parts.first else { return name }
        return first + parts.dropFirst().map(inner).joined()
    }

    /// Abbreviations spelled in capitals inside a name (`requestID`, `typeURL`), as swift-protobuf does.
    static let abbreviations: Set<String> = ["id", "url", "http", "https"]

    private static func inner(_ word: String) -> String {
        abbreviations.contains(word) ? word.uppercased() : capitalized(word)
    }

    /// `protobuf_test_messages.proto3` → `ProtobufTestMessages_Proto3_`.
    static func typePrefix(package: String, swiftPrefix: String?) -> String {
        if let swiftPrefix { return swiftPrefix }
        if package.isEmpty { return "" }
        return package.split(separator: ".").map { upperCamel(String($0)) }.joined(separator: "_") + "_"
    }

    /// A message or enum name inside its scope: the proto spelling, escaped only where Swift
    /// or the generated code needs it. A file-level name behind a package prefix cannot clash.
    static func typeName(_ protoName: String, suffix: String, prefixed: Bool) -> String {
        var name = protoName
        if name.first?.isNumber == true && !prefixed { name = "_" + name }
        if SwiftKeywords.reservedTypeNames.contains(name) && !prefixed { name += suffix }
        return name
    }

    static func fieldName(_ protoName: String) -> String {
        var name = lowerCamel(protoName)
        if name.isEmpty { name = "field" }
        if name.first!.isNumber { name = "_" + name }
        if SwiftKeywords.reservedMessageMembers.contains(name) || startsWithAccessorPrefix(name) {
            return name + "_p"
        }
        return name
    }

    /// A field called `hasFoo` or `clearFoo` would clash with another field's accessors.
    static func startsWithAccessorPrefix(_ name: String) -> Bool {
        for prefix in ["has", "clear"] where name.hasPrefix(prefix) {
            let rest = name.dropFirst(prefix.count)
            if let first = rest.unicodeScalars.first, isUpper(first) { return true }
        }
        return false
    }

    /// Backticks for keywords, where Swift allows them.
    static func quoted(_ identifier: String) -> String {
        SwiftKeywords.quotable.contains(identifier) ? "`\(identifier)`" : identifier
    }

    /// Enum case name: drops a prefix that repeats the enum's name (`CORPUS_WEB` in `Corpus` → `web`).
    static func enumCaseName(_ valueName: String, enumName: String) -> String {
        var name = lowerCamel(stripping(enumName, from: valueName) ?? valueName)
        if name.isEmpty { name = "value" }
        if name.first!.isNumber { name = "_" + name }
        if SwiftKeywords.reservedEnumCases.contains(name) { name += "_" }
        return name
    }

    private static func stripping(_ enumName: String, from valueName: String) -> String? {
        let prefix = words(enumName).joined()
        var valueWords = words(valueName)[...]
        var collected = ""
        while collected.count < prefix.count, let word = valueWords.first {
            collected += word
            valueWords = valueWords.dropFirst()
        }
        guard collected == prefix, let first = valueWords.first, first.first?.isLetter == true else { return nil }
        return valueWords.joined(separator: "_")
    }

    private static func capitalized(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    private static func isUpper(_ s: Unicode.Scalar) -> Bool { ("A"..."Z").contains(s) }
    private static func isLower(_ s: Unicode.Scalar) -> Bool { ("a"..."z").contains(s) }
    private static func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    private static func isLetter(_ s: Unicode.Scalar) -> Bool { isUpper(s) || isLower(s) }
    private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        isUpper(s) ? Unicode.Scalar(s.value + 32)! : s
    }
}

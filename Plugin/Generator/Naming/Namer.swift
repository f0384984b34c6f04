/// Every Swift identifier the plugin emits is spelled here: swift-protobuf's conventions
/// (`Package_Message`, lowerCamelCase fields, prefix-stripped enum cases) so code reads familiar,
/// keywords quoted or suffixed, and names that would clash in one scope numbered (NameScope).
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

    /// The Swift names of a message's fields, in declaration order: numbered where two would be
    /// spelled alike, or one like a oneof's property or another field's `hasX`.
    static func fieldNames(_ fields: [(swiftName: String, number: Int32)], oneofProperties: [String]) -> [String] {
        var scope = NameScope(reserving: oneofProperties)
        return fields.map { scope.claim($0.swiftName, discriminator: "\($0.number)", bringing: [hasAccessor($0.swiftName)]) }
    }

    /// `hasName`, which reports a field's presence.
    static func hasAccessor(_ fieldName: String) -> String { "has" + capitalized(fieldName) }
    /// `clearName()`, which unsets it.
    static func clearAccessor(_ fieldName: String) -> String { "clear" + capitalized(fieldName) }
    /// The stored property behind a computed one.
    static func storageName(_ fieldName: String) -> String { "_" + fieldName }

    /// `OneOf_Name`, the enum of a oneof's members.
    static func oneofTypeName(_ protoName: String) -> String { "OneOf_" + upperCamel(protoName) }

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

    /// The Swift names of an enum's values, in declaration order. A value whose number was
    /// declared before is an alias: nil when Swift would spell it like a name already taken
    /// (`MOO` and `moo`), as one name is enough. A distinct value spelled like an earlier one
    /// (`FOO_BAR`, `FOOBAR`) is numbered by its value.
    static func enumCaseNames(_ values: [(protoName: String, number: Int32)], enumName: String) -> [String?] {
        var scope = NameScope(reserving: [])
        var declaredNumbers: Set<Int32> = []
        return values.map { value in
            let name = enumCaseName(value.protoName, enumName: enumName)
            guard declaredNumbers.insert(value.number).inserted else {
                return scope.claimIfFree(name) ? name : nil
            }
            return scope.claim(name, discriminator: "\(value.number.magnitude)")
        }
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

    // MARK: Services

    /// A service's namespace enum: `Pkg_Service`, suffixed `Service` where Swift reserves the
    /// name or a message or enum already has it.
    static func serviceNamespace(_ protoName: String, typePrefix: String, takenTypeNames: Set<String>) -> String {
        let name = typePrefix + typeName(protoName, suffix: "Service", prefixed: !typePrefix.isEmpty)
        return takenTypeNames.contains(name) ? name + "Service" : name
    }

    /// A service's method names, in declaration order: lowerCamelCase, keywords quoted, and
    /// numbered by position where two are spelled alike (`Get`, `get`).
    static func methodNames(_ protoNames: [String]) -> [String] {
        var scope = NameScope(reserving: [])
        return protoNames.enumerated().map { index, protoName in
            quoted(scope.claim(lowerCamel(protoName), discriminator: "\(index)"))
        }
    }

    /// Names every service namespace declares; method names live inside `Method` and as
    /// functions of the protocol and the client, so they never meet these.
    static let serviceNameProperty = "serviceName"
    static let fileDescriptorProperty = "fileDescriptor"
    static let methodPathsEnum = "Method"
    static let serverProtocol = "SimpleServiceProtocol"
    static let clientStruct = "Client"

    // MARK: Extensions

    /// The enum in a message that holds the extensions declared there, by their proto names.
    static let scopedExtensionsEnum = "Extensions"

    /// `Pkg_Extensions_name`, a file-level extension's constant.
    static func extensionConstantName(_ protoName: String, typePrefix: String) -> String {
        typePrefix + "Extensions_" + protoName
    }

    /// `Pkg_fieldName` for a file-level extension, `Pkg_Scope_fieldName` for one declared in a
    /// message: the accessor on the extended message, qualified as swift-protobuf does.
    static func extensionAccessorName(_ protoName: String, scope: String?, typePrefix: String) -> String {
        let prefix = scope.map { $0.replacingCharacters(".", with: "_") + "_" } ?? typePrefix
        let camel = lowerCamel(protoName)
        return prefix.isEmpty ? camel : prefix + camel
    }

    /// `Pkg_FileName_Suffix`, a file-level name for something of the whole file.
    static func fileScopedName(_ protoPath: String, typePrefix: String, suffix: String) -> String {
        let base = protoPath.split(separator: "/").last.map(String.init) ?? protoPath
        let stem = base.hasSuffix(".proto") ? String(base.dropLast(6)) : base
        return typePrefix + upperCamel(stem) + "_" + suffix
    }

    static func capitalized(_ word: String) -> String {
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

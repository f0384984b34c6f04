/// An enum type; proto2 enums are closed, proto3 enums open.
final class ProtoEnum {
    let descriptor: Google_Protobuf_EnumDescriptorProto
    unowned let file: ProtoFile
    weak var parent: ProtoMessage?
    let fullName: String
    let swiftName: String
    let swiftLocalName: String
    /// The name in the enum declaration: qualified at file level, bare when nested.
    let declaredName: String
    let path: [Int32]
    /// First value declared for each number, in declaration order; these become cases.
    let cases: [Case]
    /// Later values sharing a number (allow_alias); these become static lets.
    let aliases: [Case]
    let features: Features

    struct Case {
        let protoName: String
        let swiftName: String
        let number: Int32
        let path: [Int32]
        let isDeprecated: Bool
        /// The case an alias stands for.
        let aliasOf: String?
    }

    init(_ descriptor: Google_Protobuf_EnumDescriptorProto, file: ProtoFile, parent: ProtoMessage?, path: [Int32]) {
        self.descriptor = descriptor
        self.file = file
        self.parent = parent
        self.path = path
        let scope = parent?.fullName ?? (file.package.isEmpty ? "" : "." + file.package)
        fullName = scope + "." + descriptor.name
        let localName = Namer.typeName(descriptor.name, suffix: "Enum", prefixed: parent == nil && !file.typePrefix.isEmpty)
        swiftLocalName = localName
        declaredName = parent == nil ? file.typePrefix + localName : localName
        swiftName = parent.map { $0.swiftName + "." + localName } ?? file.typePrefix + localName

        var cases: [Case] = []
        var aliases: [Case] = []
        var caseByNumber: [Int32: String] = [:]
        let names = Namer.enumCaseNames(descriptor.value.map { ($0.name, $0.number) }, enumName: descriptor.name)
        for (index, (value, name)) in zip(descriptor.value, names).enumerated() {
            guard let name else { continue }
            let valuePath = path + [DescriptorPath.enumValue, Int32(index)]
            let original = caseByNumber[value.number]
            let entry = Case(protoName: value.name, swiftName: name, number: value.number,
                             path: valuePath, isDeprecated: value.options.deprecated, aliasOf: original)
            if original == nil {
                caseByNumber[value.number] = name
                cases.append(entry)
            } else {
                aliases.append(entry)
            }
        }
        self.cases = cases
        self.aliases = aliases
        features = (parent?.features ?? file.features).merging(descriptor.options.features)
    }

    /// Closed enums (proto2's, and editions' `enum_type = CLOSED`) keep unknown numbers out.
    var isClosed: Bool { features.enumType == .closed }
    var isDeprecated: Bool { descriptor.options.deprecated }
    /// Deprecated itself or declared in a deprecated message: its own code may name deprecated cases.
    var inDeprecatedScope: Bool { isDeprecated || parent?.inDeprecatedScope == true }
    /// The default: the value numbered 0 in proto3, the first declared in proto2.
    /// (An open enum's first value is 0, as protoc requires.)
    var defaultCase: Case { cases[0] }
    var comment: String? { file.comments.text(at: path) }

    /// The case a number is spelled as (the first value declared with it).
    func `case`(number: Int32) -> Case {
        cases.first { $0.number == number }!
    }

    /// The case or alias declared for a value's proto name.
    func `case`(named protoName: String) -> Case? {
        (cases + aliases).first { $0.protoName == protoName }
    }

    /// The value as other types' code spells it (a field's default): `.name`, or for a
    /// deprecated case `Enum()` or `Enum(rawValue: n)!`, which name no deprecated declaration.
    func valueExpression(_ value: Case) -> String {
        guard value.isDeprecated else { return "." + value.swiftName }
        return value.number == defaultCase.number ? "\(swiftName)()" : "\(swiftName)(rawValue: \(value.number))!"
    }
}

/// An enum type; proto2 enums are closed, proto3 enums open.
final class ProtoEnum {
    let descriptor: Google_Protobuf_EnumDescriptorProto
    unowned let file: ProtoFile
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
        var usedNames: Set<String> = []
        for (index, value) in descriptor.value.enumerated() {
            var name = Namer.enumCaseName(value.name, enumName: descriptor.name)
            let valuePath = path + [DescriptorPath.enumValue, Int32(index)]
            if let original = caseByNumber[value.number] {
                // Aliases that differ only in case (MOO, moo) spell the same Swift name; keep one.
                guard usedNames.insert(name).inserted else { continue }
                aliases.append(Case(protoName: value.name, swiftName: name, number: value.number,
                                    path: valuePath, isDeprecated: value.options.deprecated, aliasOf: original))
            } else {
                // Distinct values whose names camel-case alike (FOO_BAR, FOOBAR) keep both, numbered.
                if usedNames.contains(name) { name += "_\(value.number.magnitude)" }
                usedNames.insert(name)
                caseByNumber[value.number] = name
                cases.append(Case(protoName: value.name, swiftName: name, number: value.number,
                                  path: valuePath, isDeprecated: value.options.deprecated, aliasOf: nil))
            }
        }
        self.cases = cases
        self.aliases = aliases
        features = (parent?.features ?? file.features).merging(descriptor.options.features)
    }

    /// Closed enums (proto2's, and editions' `enum_type = CLOSED`) keep unknown numbers out.
    var isClosed: Bool { features.enumType == .closed }
    var isDeprecated: Bool { descriptor.options.deprecated }
    /// The default: the value numbered 0 in proto3, the first declared in proto2.
    /// (An open enum's first value is 0, as protoc requires.)
    var defaultCase: Case { cases[0] }
    var comment: String? { file.comments.text(at: path) }

    /// The Swift case a number is spelled as (the first value declared with it).
    func swiftCase(number: Int32) -> String {
        cases.first { $0.number == number }!.swiftName
    }

    func swiftCase(named protoName: String) -> String? {
        (cases + aliases).first { $0.protoName == protoName }?.swiftName
    }
}

final class ProtoService {
    let descriptor: Google_Protobuf_ServiceDescriptorProto
    unowned let file: ProtoFile
    let path: [Int32]

    init(_ descriptor: Google_Protobuf_ServiceDescriptorProto, file: ProtoFile, path: [Int32]) {
        self.descriptor = descriptor
        self.file = file
        self.path = path
    }
}

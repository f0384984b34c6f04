/// A message type with its fields, oneofs and nested types.
final class ProtoMessage {
    let descriptor: Google_Protobuf_DescriptorProto
    unowned let file: ProtoFile
    weak var parent: ProtoMessage?
    /// `.pkg.Outer.Inner`, as type references spell it.
    let fullName: String
    /// `Pkg_Outer.Inner`.
    let swiftName: String
    /// The last component of `swiftName`, as declared.
    let swiftLocalName: String
    let path: [Int32]
    var fields: [ProtoField] = []
    var oneofs: [ProtoOneof] = []
    var messages: [ProtoMessage] = []
    var enums: [ProtoEnum] = []
    /// Extensions declared inside this message (of other messages, usually).
    var extensions: [ProtoField] = []
    let features: Features
    /// Set once all types are known: whether this message or one it holds has required fields.
    var needsInitializationCheck = false

    init(_ descriptor: Google_Protobuf_DescriptorProto, file: ProtoFile, parent: ProtoMessage?, path: [Int32]) {
        self.descriptor = descriptor
        self.file = file
        self.parent = parent
        self.path = path
        let scope = parent?.fullName ?? (file.package.isEmpty ? "" : "." + file.package)
        fullName = scope + "." + descriptor.name
        let localName = Namer.typeName(descriptor.name, suffix: "Message", prefixed: parent == nil && !file.typePrefix.isEmpty)
        swiftLocalName = localName
        swiftName = parent.map { $0.swiftName + "." + localName } ?? file.typePrefix + localName
        features = (parent?.features ?? file.features).merging(descriptor.options.features)
    }

    /// The name in the struct declaration: qualified at file level, bare when nested.
    var declaredName: String { parent == nil ? swiftName : swiftLocalName }
    var protoName: String { String(fullName.dropFirst()) }
    var isMapEntry: Bool { descriptor.options.mapEntry }
    /// Declares extension ranges: it keeps extension fields beside its own.
    var isExtensible: Bool { !descriptor.extensionRange.isEmpty }
    var isMessageSet: Bool { descriptor.options.messageSetWireFormat }
    /// Swift condition on `number` that is true inside the extension ranges.
    func extensionRangeCondition(_ number: String) -> String {
        descriptor.extensionRange.map { "(\($0.start)..<\($0.end)).contains(\(number))" }.joined(separator: " || ")
    }
    var isDeprecated: Bool { descriptor.options.deprecated }
    /// Deprecated itself or nested in a deprecated message: code that names it is warned.
    var inDeprecatedScope: Bool { isDeprecated || parent?.inDeprecatedScope == true }
    var fieldsByNumber: [ProtoField] { fields.sorted { $0.number < $1.number } }
    var comment: String? { file.comments.text(at: path) }
}

/// A real (non-synthetic) oneof: a Swift enum with one case per member.
final class ProtoOneof {
    let protoName: String
    let swiftPropertyName: String
    let swiftTypeName: String
    let path: [Int32]
    let features: Features
    var fields: [ProtoField] = []

    init(protoName: String, path: [Int32], features: Features) {
        self.protoName = protoName
        self.path = path
        self.features = features
        swiftPropertyName = Namer.fieldName(protoName)
        swiftTypeName = Namer.oneofTypeName(protoName)
    }
}

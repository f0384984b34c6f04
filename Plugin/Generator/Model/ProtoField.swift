/// One field, with everything the emitters need to spell its declaration and wire code.
final class ProtoField {
    typealias Kind = Google_Protobuf_FieldDescriptorProto.TypeEnum

    let descriptor: Google_Protobuf_FieldDescriptorProto
    unowned let file: ProtoFile
    /// The message the field is declared in; nil for an extension declared at file level.
    private(set) weak var scope: ProtoMessage?
    let number: Int32
    let kind: Kind
    let isRepeated: Bool
    let isRequired: Bool
    let path: [Int32]
    var swiftName: String
    /// Set when the field belongs to a real oneof.
    weak var oneof: ProtoOneof?
    /// Resolved after all files are read.
    var messageType: ProtoMessage?
    var enumType: ProtoEnum?
    /// Set when the field closes a cycle of messages that hold each other by value.
    var isBoxed = false
    /// For an extension: the message it extends (resolved after all files are read).
    var extendee: ProtoMessage?
    var isExtension: Bool { descriptor.hasExtendee }

    /// The field's resolved editions features (proto2 and proto3 included, see Features).
    let features: Features
    /// A group (proto2), or an editions delimited field that reads like one: named for its
    /// type, which is declared beside it and whose lowercased name the field has.
    let isGroupLike: Bool

    init(_ descriptor: Google_Protobuf_FieldDescriptorProto, file: ProtoFile, scope: ProtoMessage?, path: [Int32],
         parentFeatures: Features) {
        self.descriptor = descriptor
        self.file = file
        self.scope = scope
        self.path = path
        number = descriptor.number
        isRepeated = descriptor.label == .repeated
        let features = parentFeatures.resolved(for: descriptor, edition: file.edition)
        self.features = features
        isRequired = features.fieldPresence == .legacyRequired
        let typeName = descriptor.typeName.split(separator: ".").last.map(String.init) ?? ""
        let scopeName = scope?.fullName ?? (file.package.isEmpty ? "" : "." + file.package)
        let typeInScope = descriptor.typeName == scopeName + "." + typeName
        // Map entries are always length-prefixed, whatever the features say.
        let isMapField = isRepeated && (scope?.descriptor.nestedType.contains { $0.options.mapEntry && scopeName + "." + $0.name == descriptor.typeName } ?? false)
        if descriptor.type == .message && features.messageEncoding == .delimited && !isMapField && scope?.isMapEntry != true {
            kind = .group
        } else {
            kind = descriptor.type
        }
        isGroupLike = descriptor.type == .group || (kind == .group && descriptor.name == typeName.lowercased() && typeInScope)
        // protoc lowercases a group's field name; the group's type name keeps its word breaks.
        swiftName = Namer.fieldName(isGroupLike ? typeName : descriptor.name)
    }

    var protoName: String { descriptor.name }
    /// Text format names groups by their type, every other field by its name.
    var textName: String { isGroupLike ? messageType!.descriptor.name : protoName }
    var isDeprecated: Bool { descriptor.options.deprecated }
    var comment: String? { file.comments.text(at: path) }
    var isMessageKind: Bool { kind == .message || kind == .group }
    var isMap: Bool { isRepeated && messageType?.isMapEntry == true }
    var mapKey: ProtoField { messageType!.fieldsByNumber[0] }
    var mapValue: ProtoField { messageType!.fieldsByNumber[1] }

    /// Explicit presence: `hasX`/`clearX` and optional storage.
    var hasPresence: Bool {
        if isRepeated || oneof != nil { return false }
        if isMessageKind || isExtension { return true }
        return descriptor.proto3Optional || features.fieldPresence != .implicit
    }

    /// Where generated code reads and writes the value; deprecated fields keep their public
    /// name for users (so they see the warning) and a private one for the generated code.
    var storageName: String {
        hasPresence || isDeprecated ? Namer.storageName(swiftName) : Namer.quoted(swiftName)
    }

    var isPacked: Bool {
        guard isRepeated, isPackable else { return false }
        return features.repeatedFieldEncoding == .packed
    }

    var isPackable: Bool {
        switch kind {
        case .string, .bytes, .message, .group: return false
        default: return true
        }
    }

    var isClosedEnum: Bool { enumType?.isClosed == true }

    var wireType: UInt32 {
        switch kind {
        case .double, .fixed64, .sfixed64: return 1
        case .float, .fixed32, .sfixed32: return 5
        case .string, .bytes, .message: return 2
        case .group: return 3
        default: return 0
        }
    }

    var tag: UInt32 { UInt32(number) << 3 | wireType }
    var packedTag: UInt32 { UInt32(number) << 3 | 2 }

    /// The Swift type of one value (the element type for repeated fields).
    var swiftBaseType: String {
        switch kind {
        case .double: return "Double"
        case .float: return "Float"
        case .int64, .sint64, .sfixed64: return "Int64"
        case .uint64, .fixed64: return "UInt64"
        case .int32, .sint32, .sfixed32: return "Int32"
        case .uint32, .fixed32: return "UInt32"
        case .bool: return "Bool"
        case .string: return "String"
        case .bytes: return "[UInt8]"
        case .message, .group: return messageType!.swiftName
        case .enum: return enumType!.swiftName
        }
    }

    /// The property's Swift type.
    var swiftType: String {
        if isMap { return "[\(mapKey.swiftBaseType): \(mapValue.swiftBaseType)]" }
        if isRepeated { return "[\(swiftBaseType)]" }
        return swiftBaseType
    }

    /// The runtime codec that reads and writes one value.
    var codec: String {
        switch kind {
        case .double: return "SwiftProto.ProtoDouble"
        case .float: return "SwiftProto.ProtoFloat"
        case .int64: return "SwiftProto.ProtoInt64"
        case .uint64: return "SwiftProto.ProtoUInt64"
        case .int32: return "SwiftProto.ProtoInt32"
        case .fixed64: return "SwiftProto.ProtoFixed64"
        case .fixed32: return "SwiftProto.ProtoFixed32"
        case .bool: return "SwiftProto.ProtoBool"
        case .string: return "SwiftProto.ProtoString"
        case .bytes: return "SwiftProto.ProtoBytes"
        case .uint32: return "SwiftProto.ProtoUInt32"
        case .sfixed32: return "SwiftProto.ProtoSFixed32"
        case .sfixed64: return "SwiftProto.ProtoSFixed64"
        case .sint32: return "SwiftProto.ProtoSInt32"
        case .sint64: return "SwiftProto.ProtoSInt64"
        case .enum: return "SwiftProto.ProtoEnum<\(swiftBaseType)>"
        case .message, .group: return "SwiftProto.ProtoMessage<\(swiftBaseType)>"
        }
    }

    /// Swift expression of the value an unset field reads as.
    var defaultValueExpression: String {
        if isMap { return "[:]" }
        if isRepeated { return "[]" }
        if descriptor.hasDefaultValue {
            return DefaultValueLiteral.swift(for: self)
        }
        switch kind {
        case .double, .float, .int64, .uint64, .int32, .fixed64, .fixed32, .uint32, .sfixed32,
            .sfixed64, .sint32, .sint64:
            return "0"
        case .bool: return "false"
        case .string: return "String()"
        case .bytes: return "[]"
        case .message, .group: return "\(swiftBaseType)()"
        case .enum: return enumType!.valueExpression(enumType!.defaultCase)
        }
    }

    /// Condition under which a field without presence is written (proto3: not the zero value).
    func isNonDefaultCondition(_ value: String) -> String {
        switch kind {
        case .float, .double: return "\(value).bitPattern != 0"
        case .bool: return value
        case .string, .bytes: return "!\(value).isEmpty"
        case .enum: return "\(value).rawValue != 0"
        default: return "\(value) != 0"
        }
    }
}

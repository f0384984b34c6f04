/// The names a FileDescriptorProto declares, read straight from its bytes: enough to find a
/// file by symbol or extension without generating descriptor.proto into the runtime.
public struct FileDescriptorContents: Sendable {
    /// The file's path as protoc knows it.
    public var name = ""
    /// The file's proto package, empty when it declares none.
    public var package = ""
    /// The files it imports, by name.
    public var dependencyNames: [String] = []
    /// Full names (no leading dot) of its messages, enums, enum values, fields, oneofs,
    /// services, methods and extensions, scoped as protoc scopes them.
    public var symbols: [String] = []
    /// The extensions it declares: the extended message's full name and the field number.
    public var extensions: [(extendee: String, fieldNumber: Int32)] = []

    /// Reads what it can; bytes that are not a FileDescriptorProto give what was read before them.
    init(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            try? readFile(&decoder)
        }
    }

    /// The tag of a length-delimited field of descriptor.proto.
    private static func bytesTag(_ field: UInt32) -> UInt32 { field << 3 | WireType.lengthDelimited.rawValue }
    private static let nameTag = bytesTag(1)

    private mutating func readFile(_ decoder: inout BinaryDecoder) throws {
        var messages: [[UInt8]] = [], enums: [[UInt8]] = [], services: [[UInt8]] = [], extensionFields: [[UInt8]] = []
        while let tag = try decoder.nextTag() {
            switch tag {
            case Self.nameTag: name = try decoder.decodeString()
            case Self.bytesTag(2): package = try decoder.decodeString()
            case Self.bytesTag(3): dependencyNames.append(try decoder.decodeString())
            case Self.bytesTag(4): messages.append(try decoder.decodeBytes())
            case Self.bytesTag(5): enums.append(try decoder.decodeBytes())
            case Self.bytesTag(6): services.append(try decoder.decodeBytes())
            case Self.bytesTag(7): extensionFields.append(try decoder.decodeBytes())
            default: try decoder.skipField()
            }
        }
        // The package may come after the declarations in the bytes; scope them afterwards.
        let scope = package
        for message in messages { try readMessage(message, scope: scope) }
        for enumBytes in enums { try readEnum(enumBytes, scope: scope) }
        for service in services { try readService(service, scope: scope) }
        for field in extensionFields { try readField(field, scope: scope, isExtension: true) }
    }

    private static func qualified(_ scope: String, _ name: String) -> String {
        scope.isEmpty ? name : scope + "." + name
    }

    private mutating func readMessage(_ bytes: [UInt8], scope: String) throws {
        var messageName = ""
        var fields: [[UInt8]] = [], nested: [[UInt8]] = [], enums: [[UInt8]] = [], extensionFields: [[UInt8]] = []
        var oneofs: [[UInt8]] = []
        try Self.fields(of: bytes) { tag, decoder in
            switch tag {
            case Self.nameTag: messageName = try decoder.decodeString()
            case Self.bytesTag(2): fields.append(try decoder.decodeBytes())
            case Self.bytesTag(3): nested.append(try decoder.decodeBytes())
            case Self.bytesTag(4): enums.append(try decoder.decodeBytes())
            case Self.bytesTag(6): extensionFields.append(try decoder.decodeBytes())
            case Self.bytesTag(8): oneofs.append(try decoder.decodeBytes())
            default: try decoder.skipField()
            }
        }
        let fullName = Self.qualified(scope, messageName)
        symbols.append(fullName)
        for field in fields { try readField(field, scope: fullName, isExtension: false) }
        for oneof in oneofs { symbols.append(Self.qualified(fullName, try Self.name(of: oneof))) }
        for message in nested { try readMessage(message, scope: fullName) }
        for enumBytes in enums { try readEnum(enumBytes, scope: fullName) }
        for field in extensionFields { try readField(field, scope: fullName, isExtension: true) }
    }

    private mutating func readEnum(_ bytes: [UInt8], scope: String) throws {
        var enumName = ""
        var values: [[UInt8]] = []
        try Self.fields(of: bytes) { tag, decoder in
            switch tag {
            case Self.nameTag: enumName = try decoder.decodeString()
            case Self.bytesTag(2): values.append(try decoder.decodeBytes())
            default: try decoder.skipField()
            }
        }
        symbols.append(Self.qualified(scope, enumName))
        // Enum values are siblings of their enum, as in C++.
        for value in values { symbols.append(Self.qualified(scope, try Self.name(of: value))) }
    }

    private mutating func readService(_ bytes: [UInt8], scope: String) throws {
        var serviceName = ""
        var methods: [[UInt8]] = []
        try Self.fields(of: bytes) { tag, decoder in
            switch tag {
            case Self.nameTag: serviceName = try decoder.decodeString()
            case Self.bytesTag(2): methods.append(try decoder.decodeBytes())
            default: try decoder.skipField()
            }
        }
        let fullName = Self.qualified(scope, serviceName)
        symbols.append(fullName)
        for method in methods { symbols.append(Self.qualified(fullName, try Self.name(of: method))) }
    }

    private mutating func readField(_ bytes: [UInt8], scope: String, isExtension: Bool) throws {
        var fieldName = "", extendee = ""
        var number: Int32 = 0
        try Self.fields(of: bytes) { tag, decoder in
            switch tag {
            case Self.nameTag: fieldName = try decoder.decodeString()
            case Self.bytesTag(2): extendee = try decoder.decodeString()
            case 3 << 3 | WireType.varint.rawValue: number = Int32(truncatingIfNeeded: try decoder.decodeVarint())
            default: try decoder.skipField()
            }
        }
        symbols.append(Self.qualified(scope, fieldName))
        if isExtension {
            extensions.append((extendee.hasPrefix(".") ? String(extendee.dropFirst()) : extendee, number))
        }
    }

    private static func name(of bytes: [UInt8]) throws -> String {
        var found = ""
        try fields(of: bytes) { tag, decoder in
            if tag == nameTag { found = try decoder.decodeString() } else { try decoder.skipField() }
        }
        return found
    }

    private static func fields(of bytes: [UInt8], _ body: (UInt32, inout BinaryDecoder) throws -> Void) throws {
        try bytes.withUnsafeBytes { buffer in
            var decoder = BinaryDecoder(buffer)
            while let tag = try decoder.nextTag() {
                try body(tag, &decoder)
            }
        }
    }
}

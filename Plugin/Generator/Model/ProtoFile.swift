/// One .proto file as the emitters see it: names resolved, comments attached.
final class ProtoFile {
    let descriptor: Google_Protobuf_FileDescriptorProto
    let name: String
    let package: String
    let edition: Google_Protobuf_Edition
    /// The file's resolved features (edition defaults with the file's own settings).
    let features: Features
    let typePrefix: String
    var messages: [ProtoMessage] = []
    var enums: [ProtoEnum] = []
    var services: [ProtoService] = []
    /// Extensions declared at file level.
    var extensions: [ProtoField] = []
    let comments: Comments

    init(_ descriptor: Google_Protobuf_FileDescriptorProto) {
        self.descriptor = descriptor
        name = descriptor.name
        package = descriptor.package
        edition = descriptor.resolvedEdition
        features = Features.defaults(for: edition).merging(descriptor.options.features)
        let options = descriptor.options
        typePrefix = Namer.typePrefix(
            package: descriptor.package, swiftPrefix: options.hasSwiftPrefix ? options.swiftPrefix : nil)
        comments = Comments(descriptor.sourceCodeInfo)
    }

    var isDeprecated: Bool { descriptor.options.deprecated }

    /// Every message type of the file that gets a Swift type (map entries have none), outer before inner.
    var allMessages: [ProtoMessage] {
        var all: [ProtoMessage] = []
        func collect(_ message: ProtoMessage) {
            guard !message.isMapEntry else { return }
            all.append(message)
            message.messages.forEach(collect)
        }
        messages.forEach(collect)
        return all
    }

    /// A file-level Swift name for something of the whole file: `Pkg_FileName_Suffix`.
    func fileScopedName(suffix: String) -> String {
        Namer.fileScopedName(name, typePrefix: typePrefix, suffix: suffix)
    }
}

/// Leading and trailing comments of every element, looked up by descriptor path.
struct Comments {
    private var byPath: [[Int32]: String] = [:]

    init(_ info: Google_Protobuf_SourceCodeInfo) {
        for location in info.location {
            let text = location.hasLeadingComments ? location.leadingComments : location.trailingComments
            if !text.isEmpty { byPath[location.path] = text }
        }
    }

    func text(at path: [Int32]) -> String? { byPath[path] }
}

/// Field numbers of descriptor.proto, for SourceCodeInfo paths.
enum DescriptorPath {
    static let fileMessage: Int32 = 4
    static let fileEnum: Int32 = 5
    static let fileService: Int32 = 6
    static let fileExtension: Int32 = 7
    static let messageExtension: Int32 = 6
    static let messageField: Int32 = 2
    static let messageNested: Int32 = 3
    static let messageEnum: Int32 = 4
    static let messageOneof: Int32 = 8
    static let enumValue: Int32 = 2
    static let serviceMethod: Int32 = 2
}

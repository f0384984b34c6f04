import Synchronization

/// The generated files a program has made known, found by file name, by the full name of any
/// symbol they declare, or by extension: what server reflection answers from, and what makes
/// a file's message types resolvable inside Any. The well-known types are there from the start.
public enum DescriptorRegistry {
    private struct Index {
        var files: [String: GeneratedFileDescriptor] = [:]
        var fileBySymbol: [String: String] = [:]
        var fileByExtension: [String: [Int32: String]] = [:]
    }

    private static let index = Mutex(Index())
    private static let wellKnownFilesRegistered: Bool = {
        for file in wellKnownFiles { _ = add(file) }
        return true
    }()

    static let wellKnownFiles = [
        Google_Protobuf_Any_FileDescriptor, Google_Protobuf_Api_FileDescriptor, Google_Protobuf_Duration_FileDescriptor,
        Google_Protobuf_Empty_FileDescriptor, Google_Protobuf_FieldMask_FileDescriptor, Google_Protobuf_SourceContext_FileDescriptor,
        Google_Protobuf_Struct_FileDescriptor, Google_Protobuf_Timestamp_FileDescriptor, Google_Protobuf_Type_FileDescriptor,
        Google_Protobuf_Wrappers_FileDescriptor,
    ]

    /// Makes `file`, the files it links to and its message types known (the types also to
    /// Any's registry). Returns false, registering nothing of it, when another file of that
    /// name, or another file declaring one of its symbols, is already registered.
    @discardableResult
    public static func register(_ file: GeneratedFileDescriptor) -> Bool {
        _ = wellKnownFilesRegistered
        return add(file)
    }

    private static func add(_ file: GeneratedFileDescriptor) -> Bool {
        for dependency in file.dependencies { _ = add(dependency) }
        let contents = file.contents
        let added: Bool = index.withLock { index in
            if index.files[file.name] != nil { return index.files[file.name]!.serializedFileDescriptorProto == file.serializedFileDescriptorProto }
            guard contents.symbols.allSatisfy({ index.fileBySymbol[$0] == nil }) else { return false }
            index.files[file.name] = file
            for symbol in contents.symbols { index.fileBySymbol[symbol] = file.name }
            for (extendee, number) in contents.extensions { index.fileByExtension[extendee, default: [:]][number] = file.name }
            return true
        }
        if added {
            for type in file.messageTypes { _ = MessageTypeRegistry.register(type) }
        }
        return added
    }

    /// Registers the file that declares `messageType` (and so every type of that file).
    @discardableResult
    public static func register(messageType: any Message.Type) -> Bool {
        guard let file = messageType.fileDescriptor else { return MessageTypeRegistry.register(messageType) }
        return register(file)
    }

    /// The registered file of that name (`google/protobuf/timestamp.proto`), if any.
    public static func file(named name: String) -> GeneratedFileDescriptor? {
        _ = wellKnownFilesRegistered
        return index.withLock { $0.files[name] }
    }

    /// The file declaring a message, enum, enum value, field, oneof, service, method or
    /// extension, by full name (`pkg.Message`, `pkg.Service.Method`; a leading dot is ignored).
    public static func file(containingSymbol symbol: String) -> GeneratedFileDescriptor? {
        _ = wellKnownFilesRegistered
        let name = symbol.hasPrefix(".") ? String(symbol.dropFirst()) : symbol
        return index.withLock { index in index.fileBySymbol[name].flatMap { index.files[$0] } }
    }

    /// The file declaring extension `fieldNumber` of the message `extendee` (full name).
    public static func file(containingExtension extendee: String, fieldNumber: Int32) -> GeneratedFileDescriptor? {
        _ = wellKnownFilesRegistered
        return index.withLock { index in index.fileByExtension[extendee]?[fieldNumber].flatMap { index.files[$0] } }
    }

    /// The field numbers of every registered extension of `extendee`, ascending.
    public static func extensionNumbers(of extendee: String) -> [Int32] {
        _ = wellKnownFilesRegistered
        return index.withLock { ($0.fileByExtension[extendee].map { Array($0.keys) } ?? []).sorted() }
    }

    /// Every registered file's name, sorted.
    public static var fileNames: [String] {
        _ = wellKnownFilesRegistered
        return index.withLock { $0.files.keys.sorted() }
    }
}

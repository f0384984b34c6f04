/// A .proto file as generated code carries it: its serialized FileDescriptorProto (without
/// source info), the files it imports that were generated beside it, and its message types.
/// The descriptor sits in read-only data as a base64 string and is decoded only when asked
/// for, so a file that nobody reflects on costs that string and nothing else.
public struct GeneratedFileDescriptor: Sendable {
    /// The file's path as protoc knows it, `google/protobuf/timestamp.proto`.
    public let name: String
    /// The imported files whose generated code this file could name (same protoc run, or the
    /// well-known types); other imports are known by name only, through `dependencyNames`.
    public let dependencies: [GeneratedFileDescriptor]
    /// Every message type of the file, nested ones included.
    public let messageTypes: [any Message.Type]
    private let encodedDescriptor: StaticString

    /// What generated code declares for each file (`Pkg_FileName_FileDescriptor`); not for
    /// hand-written code, since the base64 must be a serialized FileDescriptorProto.
    ///
    /// - Parameters:
    ///   - name: the file's path as protoc knows it.
    ///   - dependencies: the descriptors of the imported files generated beside it.
    ///   - messageTypes: every message type of the file, nested ones included.
    ///   - serializedDescriptorBase64: the FileDescriptorProto without source info, base64.
    public init(name: String, dependencies: [GeneratedFileDescriptor], messageTypes: [any Message.Type],
                serializedDescriptorBase64: StaticString) {
        self.name = name
        self.dependencies = dependencies
        self.messageTypes = messageTypes
        encodedDescriptor = serializedDescriptorBase64
    }

    /// The FileDescriptorProto's bytes, as server reflection sends them.
    public var serializedFileDescriptorProto: [UInt8] {
        encodedDescriptor.withUTF8Buffer { Base64.decode(Array($0)) } ?? []
    }

    /// What the descriptor declares: package, imports, symbols and extensions.
    public var contents: FileDescriptorContents {
        FileDescriptorContents(serializedFileDescriptorProto)
    }
}

extension Message {
    /// Generated messages name their file; hand-written conformances have none.
    public static var fileDescriptor: GeneratedFileDescriptor? { nil }
}

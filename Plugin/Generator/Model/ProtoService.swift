/// A service, with the Swift names of its namespace and its methods.
final class ProtoService {
    let descriptor: Google_Protobuf_ServiceDescriptorProto
    unowned let file: ProtoFile
    let path: [Int32]
    /// `Pkg_Service`, the enum holding the paths, the server protocol and the client.
    let swiftName: String
    /// One per method, in declaration order.
    let methodSwiftNames: [String]

    /// `takenTypeNames`: the file-level messages and enums, whose names the namespace must not take.
    init(_ descriptor: Google_Protobuf_ServiceDescriptorProto, file: ProtoFile, path: [Int32], takenTypeNames: Set<String>) {
        self.descriptor = descriptor
        self.file = file
        self.path = path
        swiftName = Namer.serviceNamespace(descriptor.name, typePrefix: file.typePrefix, takenTypeNames: takenTypeNames)
        methodSwiftNames = Namer.methodNames(descriptor.method.map(\.name))
    }

    /// `pkg.Service`, as the methods' paths spell it.
    var fullName: String { file.package.isEmpty ? descriptor.name : file.package + "." + descriptor.name }
    var isDeprecated: Bool { descriptor.options.deprecated }
}

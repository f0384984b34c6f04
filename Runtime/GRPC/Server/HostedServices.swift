import SwiftProto

/// What a server hosts, as its ``ServerObservingService``s hear it: the services its router
/// serves and the files that declare them (reflection lists and describes them).
public struct HostedServices: Sendable {
    /// The full names of the services, sorted (`helloworld.Greeter`).
    public let names: [String]
    /// The files declaring them, as the services' ``RegistrableService/fileDescriptors`` name
    /// them, each once.
    public let files: [GeneratedFileDescriptor]

    /// - Parameters:
    ///   - names: the services' full names.
    ///   - files: the files declaring them.
    public init(names: [String], files: [GeneratedFileDescriptor]) {
        self.names = Array(Set(names)).sorted()
        var seen = Set<String>()
        self.files = files.filter { seen.insert($0.name).inserted }
    }

    /// The services behind a router's paths (`/package.Service/Method`), and their files.
    init(router: Router, services: [any RegistrableService]) {
        let names = router.methods.compactMap { path -> String? in
            guard path.hasPrefix("/"), let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return nil }
            return String(path[path.index(after: path.startIndex)..<slash])
        }
        self.init(names: names, files: services.flatMap(\.fileDescriptors))
    }
}

import SwiftProto
import Synchronization

/// Answers reflection questions, version-independently (in v1's messages, which v1alpha's
/// equal on the wire): the services a server hosts by name, and files from the
/// `DescriptorRegistry`, where the hosted services' files are registered with every file they
/// import.
final class ReflectionIndex: Sendable {
    typealias Request = Grpc_Reflection_V1_ServerReflectionRequest
    typealias Response = Grpc_Reflection_V1_ServerReflectionResponse

    private let serviceNames = Mutex<Set<String>>([])

    /// Adds a server's services; a ReflectionService hosted by several servers lists them all.
    func add(_ services: HostedServices) {
        for file in services.files { DescriptorRegistry.register(file) }
        serviceNames.withLock { $0.formUnion(services.names) }
    }

    /// The hosted services' full names, sorted.
    var services: [String] { serviceNames.withLock { $0.sorted() } }

    /// The answer to one request; names that are not known answer NOT_FOUND in
    /// `error_response`, as grpc's servers do, and the stream goes on.
    func answer(_ request: Request) -> Response {
        var response = Response()
        response.validHost = request.host
        response.originalRequest = request
        response.messageResponse = outcome(of: request.messageRequest)
        return response
    }

    private func outcome(of question: Request.OneOf_MessageRequest?) -> Response.OneOf_MessageResponse {
        switch question {
        case .listServices?:
            return .listServicesResponse(.with { list in
                list.service = services.map { name in Grpc_Reflection_V1_ServiceResponse.with { $0.name = name } }
            })
        case .fileByFilename(let name)?:
            return files(DescriptorRegistry.file(named: name), missing: "no file named '\(name)'")
        case .fileContainingSymbol(let symbol)?:
            return files(DescriptorRegistry.file(containingSymbol: symbol), missing: "no file declares the symbol '\(symbol)'")
        case .fileContainingExtension(let request)?:
            return files(DescriptorRegistry.file(containingExtension: request.containingType, fieldNumber: request.extensionNumber),
                         missing: "no file declares extension \(request.extensionNumber) of '\(request.containingType)'")
        case .allExtensionNumbersOfType(let type)?:
            guard DescriptorRegistry.file(containingSymbol: type) != nil else {
                return error(.notFound, "no message type '\(type)'")
            }
            return .allExtensionNumbersResponse(.with {
                $0.baseTypeName = type
                $0.extensionNumber = DescriptorRegistry.extensionNumbers(of: type)
            })
        case nil:
            return error(.invalidArgument, "the request asks nothing (no message_request is set)")
        }
    }

    /// `file` then every file it imports, transitively, each once; NOT_FOUND when the file is
    /// not known or one of its imports cannot be found.
    private func files(_ file: GeneratedFileDescriptor?, missing: String) -> Response.OneOf_MessageResponse {
        guard let file else { return error(.notFound, missing) }
        switch Self.withImports(file) {
        case .success(let files):
            return .fileDescriptorResponse(.with { $0.fileDescriptorProto = files.map(\.serializedFileDescriptorProto) })
        case .failure(let failure):
            return error(.notFound, failure.message)
        }
    }

    struct MissingImport: Error {
        let message: String
    }

    /// `file` and its imports in depth-first order, the file first. Imports generated beside
    /// a file are linked to it; those generated in other protoc runs are known by name only and
    /// are resolved through the registry.
    static func withImports(_ file: GeneratedFileDescriptor) -> Result<[GeneratedFileDescriptor], MissingImport> {
        var ordered: [GeneratedFileDescriptor] = []
        var seen: Set<String> = []
        var pending = [file]
        while let next = pending.popLast() {
            guard seen.insert(next.name).inserted else { continue }
            ordered.append(next)
            var imports: [GeneratedFileDescriptor] = []
            for name in next.contents.dependencyNames where !seen.contains(name) {
                guard let dependency = next.dependencies.first(where: { $0.name == name }) ?? DescriptorRegistry.file(named: name) else {
                    return .failure(MissingImport(message: "\(next.name) imports \(name), which this server does not know"))
                }
                imports.append(dependency)
            }
            // Reversed onto the stack, so that imports come out in the order the file lists them.
            pending.append(contentsOf: imports.reversed())
        }
        return .success(ordered)
    }

    private func error(_ code: StatusCode, _ message: String) -> Response.OneOf_MessageResponse {
        .errorResponse(.with {
            $0.errorCode = Int32(code.rawValue)
            $0.errorMessage = message
        })
    }
}

import SwiftProto

/// gRPC's server reflection, `grpc.reflection.v1` and the older `grpc.reflection.v1alpha`,
/// served from the descriptors generated code carries: standard tools (grpcurl, grpcio's
/// reflection client, grpc_cli) list the server's services, fetch the files declaring them
/// with every import, and build and call every method with no `.proto` file at hand.
///
///     let server = Server(services: [GreeterService(), HealthService(), ReflectionService()])
///
/// It describes the services of the server hosting it (itself included), which tells it what
/// it hosts; files and symbols come from the `DescriptorRegistry`, where it registers the
/// hosted services' files. A service written by hand, without a generated file descriptor, is
/// listed but cannot be described.
public final class ReflectionService: ServerObservingService {
    let index = ReflectionIndex()

    /// A reflection service, describing what its server hosts.
    public init() {}

    /// Registers both versions' `ServerReflectionInfo`.
    public func register(with router: inout Router) {
        V1Endpoint(index: index).register(with: &router)
        V1AlphaEndpoint(index: index).register(with: &router)
    }

    /// The two versions' reflection.proto.
    public var fileDescriptors: [GeneratedFileDescriptor] {
        [Grpc_Reflection_V1_ServerReflection.fileDescriptor, Grpc_Reflection_V1Alpha_ServerReflection.fileDescriptor]
    }

    /// Learns what the server hosts.
    public func serverWillServe(_ services: HostedServices) {
        index.add(services)
    }
}

/// `grpc.reflection.v1.ServerReflection`: each request answered in order.
private struct V1Endpoint: Grpc_Reflection_V1_ServerReflection.SimpleServiceProtocol {
    let index: ReflectionIndex

    func serverReflectionInfo(requests: RequestStream<Grpc_Reflection_V1_ServerReflectionRequest>,
                              responses: ResponseWriter<Grpc_Reflection_V1_ServerReflectionResponse>,
                              context: ServerContext) async throws {
        for try await request in requests {
            try await responses.write(index.answer(request))
        }
    }
}

/// `grpc.reflection.v1alpha.ServerReflection`: the same messages as v1 under another package,
/// so requests and answers cross between the two through their (identical) encoding.
private struct V1AlphaEndpoint: Grpc_Reflection_V1Alpha_ServerReflection.SimpleServiceProtocol {
    let index: ReflectionIndex

    func serverReflectionInfo(requests: RequestStream<Grpc_Reflection_V1Alpha_ServerReflectionRequest>,
                              responses: ResponseWriter<Grpc_Reflection_V1Alpha_ServerReflectionResponse>,
                              context: ServerContext) async throws {
        for try await request in requests {
            let asked = try Grpc_Reflection_V1_ServerReflectionRequest(serializedBytes: request.serializedBytes())
            let answer = try Grpc_Reflection_V1Alpha_ServerReflectionResponse(serializedBytes: index.answer(asked).serializedBytes())
            try await responses.write(answer)
        }
    }
}

@testable import SwiftGRPC
@testable import SwiftProto
import TestMessages
import TestServices
import Testing

/// Files generated elsewhere whose imports are known by name only, as a file from another
/// protoc run links them: one whose import is registered, one whose import is nowhere.
private let byNameFile = GeneratedFileDescriptor(
    name: "reflection_test/by_name.proto", dependencies: [], messageTypes: [],
    serializedDescriptorBase64: "Ch1yZWZsZWN0aW9uX3Rlc3QvYnlfbmFtZS5wcm90bxIPcmVmbGVjdGlvbl90ZXN0Ghd0ZXN0ZGF0YS9pbXBvcnRlZC5wcm90byJECgZIb2xkZXISOgoIaW1wb3J0ZWQYASABKAsyKC5zd2lmdGdycGMudGVzdC5pbXBvcnRlZC5JbXBvcnRlZE1lc3NhZ2ViBnByb3RvMw==")
private let missingImportFile = GeneratedFileDescriptor(
    name: "reflection_test/missing_import.proto", dependencies: [], messageTypes: [],
    serializedDescriptorBase64: "CiRyZWZsZWN0aW9uX3Rlc3QvbWlzc2luZ19pbXBvcnQucHJvdG8SF3JlZmxlY3Rpb25fdGVzdC5taXNzaW5nGh1yZWZsZWN0aW9uX3Rlc3Qvbm93aGVyZS5wcm90byIICgZPcnBoYW5iBnByb3RvMw==")

@Suite(.timeLimit(.minutes(2)))
struct ReflectionServiceTests {
    typealias Request = Grpc_Reflection_V1_ServerReflectionRequest

    /// An index that knows the Echo service, the proto2 test file (it declares an extension)
    /// and the two files linked by name.
    func index() -> ReflectionIndex {
        let index = ReflectionIndex()
        index.add(HostedServices(names: [Swiftgrpc_Test_Echo.serviceName, "grpc.reflection.v1.ServerReflection"],
                                 files: [Swiftgrpc_Test_Echo.fileDescriptor, P2EverythingProto2_FileDescriptor, byNameFile,
                                         missingImportFile]))
        return index
    }

    func fileNames(_ response: Grpc_Reflection_V1_ServerReflectionResponse) -> [String] {
        response.fileDescriptorResponse.fileDescriptorProto.map { FileDescriptorContents($0).name }
    }

    @Test func listsTheHostedServicesSorted() {
        let response = index().answer(.with { $0.listServices = "" })
        #expect(response.listServicesResponse.service.map(\.name) == ["grpc.reflection.v1.ServerReflection", "swiftgrpc.test.Echo"])
    }

    @Test func hostedServicesComeFromTheRouterPaths() {
        var router = Router()
        EchoService().register(with: &router)
        ReflectionService().register(with: &router)
        let hosted = HostedServices(router: router, services: [EchoService(), ReflectionService()])
        #expect(hosted.names == ["grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection", "swiftgrpc.test.Echo"])
        #expect(hosted.files.map(\.name) == ["testdata/echo.proto", "grpc/reflection/v1/reflection.proto",
                                             "grpc/reflection/v1alpha/reflection.proto"])
    }

    @Test func aSymbolsFileComesWithEveryImportOnce() {
        let index = index()
        for symbol in ["swiftgrpc.test.Everything2", "swiftgrpc.test.Everything2.f_int32", "swiftgrpc.test.Everything2.Nested", ".swiftgrpc.test.Shade"] {
            let response = index.answer(.with { $0.fileContainingSymbol = symbol })
            #expect(fileNames(response) == ["testdata/everything_proto2.proto", "testdata/imported.proto"], "\(symbol)")
        }
        let service = index.answer(.with { $0.fileContainingSymbol = "swiftgrpc.test.Echo.Get" })
        #expect(fileNames(service) == ["testdata/echo.proto"])
        // The bytes are the generated descriptor's, so a client rebuilds the very file.
        #expect(service.fileDescriptorResponse.fileDescriptorProto == [Swiftgrpc_Test_Echo.fileDescriptor.serializedFileDescriptorProto])
    }

    @Test func aFileByNameAndImportsKnownByNameOnly() {
        let index = index()
        #expect(fileNames(index.answer(.with { $0.fileByFilename = "testdata/echo.proto" })) == ["testdata/echo.proto"])
        #expect(fileNames(index.answer(.with { $0.fileByFilename = "google/protobuf/timestamp.proto" }))
            == ["google/protobuf/timestamp.proto"])
        #expect(fileNames(index.answer(.with { $0.fileByFilename = "reflection_test/by_name.proto" }))
            == ["reflection_test/by_name.proto", "testdata/imported.proto"])
        let broken = index.answer(.with { $0.fileByFilename = "reflection_test/missing_import.proto" })
        #expect(broken.errorResponse.errorCode == Int32(StatusCode.notFound.rawValue))
        #expect(broken.errorResponse.errorMessage.contains("reflection_test/nowhere.proto"))
    }

    @Test func extensionsByTypeAndNumber() {
        let index = index()
        let file = index.answer(.with {
            $0.fileContainingExtension = .with {
                $0.containingType = "swiftgrpc.test.Everything2"
                $0.extensionNumber = 1000
            }
        })
        #expect(fileNames(file) == ["testdata/everything_proto2.proto", "testdata/imported.proto"])
        let numbers = index.answer(.with { $0.allExtensionNumbersOfType = "swiftgrpc.test.Everything2" })
        #expect(numbers.allExtensionNumbersResponse.baseTypeName == "swiftgrpc.test.Everything2")
        #expect(numbers.allExtensionNumbersResponse.extensionNumber.contains(1000))
        let none = index.answer(.with { $0.allExtensionNumbersOfType = "swiftgrpc.test.EchoRequest" })
        #expect(none.allExtensionNumbersResponse.extensionNumber.isEmpty)
    }

    @Test func unknownNamesAnswerNotFoundAndEchoTheRequest() {
        let index = index()
        let questions: [Request] = [
            .with { $0.fileByFilename = "no/such.proto" },
            .with { $0.fileContainingSymbol = "no.such.Symbol" },
            .with { $0.fileContainingExtension = .with { $0.containingType = "swiftgrpc.test.Everything2"; $0.extensionNumber = 1999 } },
            .with { $0.allExtensionNumbersOfType = "no.such.Type" },
        ]
        for question in questions {
            var asked = question
            asked.host = "example.test"
            let response = index.answer(asked)
            #expect(response.errorResponse.errorCode == Int32(StatusCode.notFound.rawValue), "\(question)")
            #expect(!response.errorResponse.errorMessage.isEmpty)
            #expect(response.originalRequest == asked)
            #expect(response.validHost == "example.test")
        }
        let empty = index.answer(Request())
        #expect(empty.errorResponse.errorCode == Int32(StatusCode.invalidArgument.rawValue))
    }

    // MARK: Over a server, both versions

    @Test func bothVersionsAnswerOverOneStreamEach() async throws {
        let server = try await TestServer.start(services: [EchoService(), HealthService(), ReflectionService()])
        let channel = try Channel(target: server.target)
        let expected = ["grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
                        "swiftgrpc.test.Echo"]

        let v1 = try await Grpc_Reflection_V1_ServerReflection.Client(channel: channel).serverReflectionInfo()
        try await v1.requests.write(.with { $0.listServices = "" })
        try await v1.requests.write(.with { $0.fileContainingSymbol = "grpc.health.v1.Health.Watch" })
        try await v1.requests.write(.with { $0.fileContainingSymbol = "no.such.Service" })
        v1.requests.finish()
        var answers: [Grpc_Reflection_V1_ServerReflectionResponse] = []
        for try await answer in v1.responses { answers.append(answer) }
        #expect(answers.count == 3)
        #expect(answers.first?.listServicesResponse.service.map(\.name) == expected)
        #expect(answers.dropFirst().first.map(fileNames) == ["grpc/health/v1/health.proto"])
        #expect(answers.last?.errorResponse.errorCode == Int32(StatusCode.notFound.rawValue))

        let v1alpha = try await Grpc_Reflection_V1Alpha_ServerReflection.Client(channel: channel).serverReflectionInfo()
        try await v1alpha.requests.write(.with { $0.listServices = "" })
        try await v1alpha.requests.write(.with { $0.fileByFilename = "testdata/echo.proto" })
        v1alpha.requests.finish()
        var alphaAnswers: [Grpc_Reflection_V1Alpha_ServerReflectionResponse] = []
        for try await answer in v1alpha.responses { alphaAnswers.append(answer) }
        #expect(alphaAnswers.first?.listServicesResponse.service.map(\.name) == expected)
        #expect(alphaAnswers.first?.originalRequest.listServices == "")
        #expect(alphaAnswers.last?.fileDescriptorResponse.fileDescriptorProto
            == [Swiftgrpc_Test_Echo.fileDescriptor.serializedFileDescriptorProto])
        channel.close()
        await server.stop()
    }
}

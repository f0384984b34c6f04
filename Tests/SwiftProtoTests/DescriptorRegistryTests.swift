import SwiftProto
import TestMessages
import Testing

@Suite struct DescriptorRegistryTests {
    @Test func wellKnownFilesAreThereFromTheStart() {
        let file = DescriptorRegistry.file(named: "google/protobuf/timestamp.proto")
        #expect(file?.contents.package == "google.protobuf")
        #expect(DescriptorRegistry.file(containingSymbol: "google.protobuf.Value.struct_value")?.name == "google/protobuf/struct.proto")
        #expect(DescriptorRegistry.file(containingSymbol: ".google.protobuf.NULL_VALUE")?.name == "google/protobuf/struct.proto")
        #expect(Google_Protobuf_Duration.fileDescriptor?.name == "google/protobuf/duration.proto")
    }

    @Test func registeringAFileRegistersItsImportsSymbolsExtensionsAndTypes() {
        #expect(DescriptorRegistry.register(Swiftgrpc_Test_Editions_Editions2023_FileDescriptor))
        #expect(DescriptorRegistry.register(Swiftgrpc_Test_Editions_Editions2023_FileDescriptor))  // again: the same file
        #expect(DescriptorRegistry.file(containingSymbol: "swiftgrpc.test.editions.Everything.Item")?.name == "testdata/editions_2023.proto")
        #expect(DescriptorRegistry.file(containingSymbol: "swiftgrpc.test.editions.COLOR_GREEN") != nil)
        #expect(DescriptorRegistry.file(containingSymbol: "swiftgrpc.test.editions.Everything.choice") != nil)
        #expect(DescriptorRegistry.file(containingSymbol: "swiftgrpc.test.editions.extra_int") != nil)
        #expect(DescriptorRegistry.file(containingSymbol: "swiftgrpc.test.editions.Nope") == nil)
        #expect(DescriptorRegistry.extensionNumbers(of: "swiftgrpc.test.editions.Everything") == [100, 101, 102])
        #expect(DescriptorRegistry.file(containingExtension: "swiftgrpc.test.editions.Everything", fieldNumber: 101)?.name
            == "testdata/editions_2023.proto")
        #expect(Google_Protobuf_Any.messageType(forMessageName: "swiftgrpc.test.editions.Everything.Item")
            == Swiftgrpc_Test_Editions_Everything.Item.self)
    }

    @Test func importsGeneratedTogetherAreLinked() {
        let file = Swiftgrpc_Test_Everything3.fileDescriptor
        #expect(file?.dependencies.map(\.name) == ["testdata/imported.proto"])
        #expect(file?.contents.dependencyNames == ["testdata/imported.proto"])
        DescriptorRegistry.register(messageType: Swiftgrpc_Test_Everything3.self)
        #expect(DescriptorRegistry.file(named: "testdata/imported.proto") != nil)
        #expect(DescriptorRegistry.fileNames.contains("testdata/everything_proto3.proto"))
    }

    @Test func aConflictingFileIsRefused() {
        let impostor = GeneratedFileDescriptor(name: "impostor.proto", dependencies: [], messageTypes: [],
                                               serializedDescriptorBase64: "Cg5pbXBvc3Rvci5wcm90bxIPZ29vZ2xlLnByb3RvYnVmIgoKCER1cmF0aW9u")
        #expect(impostor.contents.symbols == ["google.protobuf.Duration"])
        #expect(!DescriptorRegistry.register(impostor))
        #expect(DescriptorRegistry.file(named: "impostor.proto") == nil)
    }

    @Test func garbageDescriptorsReadAsFarAsTheyGo() {
        let garbage = GeneratedFileDescriptor(name: "g.proto", dependencies: [], messageTypes: [], serializedDescriptorBase64: "////")
        #expect(garbage.contents.symbols.isEmpty)
    }
}

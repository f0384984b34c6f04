// swift-tools-version:6.1
import PackageDescription

// The runtime, the code generator and the build plugin depend on no Swift package: system
// libraries only. Products are what a user depends on; the examples, tools, benchmarks and
// test support below are targets of this package only (`swift run greeter-server`).
let package = Package(
    name: "swiftgrpc",
    products: [
        .library(name: "SwiftProto", targets: ["SwiftProto"]),
        .library(name: "SwiftGRPC", targets: ["SwiftGRPC"]),
        .library(name: "SwiftProtoFoundation", targets: ["SwiftProtoFoundation"]),
        .executable(name: "protoc-gen-swiftgrpc", targets: ["protoc-gen-swiftgrpc"]),
        .plugin(name: "SwiftGRPCPlugin", targets: ["SwiftGRPCPlugin"]),
    ],
    targets: [
        // The runtime: protobuf encoding, then gRPC over HTTP/2 on the system's C libraries.
        .target(name: "SwiftProto", path: "Runtime/Proto"),
        // Date, Data and TimeInterval conveniences, apart so that SwiftProto imports no Foundation.
        .target(name: "SwiftProtoFoundation", dependencies: ["SwiftProto"], path: "Runtime/ProtoFoundation"),
        .target(name: "SwiftGRPC", dependencies: ["SwiftProto", "CNGHTTP2", "CSystemShims", "CZlib", "COpenSSL"], path: "Runtime/GRPC"),
        .systemLibrary(name: "CNGHTTP2", path: "Sources/CShims/CNGHTTP2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "CSystemShims", path: "Sources/CShims/CSystemShims"),
        .systemLibrary(name: "CZlib", path: "Sources/CShims/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/CShims/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),

        // The code generator: protoc's plugin, and the SwiftPM build plugin that runs protoc with it.
        .target(name: "SwiftGRPCGenerator", dependencies: ["SwiftProto"], path: "Plugin/Generator"),
        .executableTarget(name: "protoc-gen-swiftgrpc", dependencies: ["SwiftGRPCGenerator"], path: "Plugin/Main"),
        .plugin(name: "SwiftGRPCPlugin", capability: .buildTool(), dependencies: ["protoc-gen-swiftgrpc"], path: "Plugin/BuildTool"),

        // The seed examples: a Greeter and a UserService, servers and clients.
        .target(name: "ExampleServices", dependencies: ["SwiftGRPC"], path: "Sources/Examples/ExampleServices"),
        .executableTarget(name: "greeter-server", dependencies: ["ExampleServices"], path: "Sources/Examples/GreeterServer"),
        .executableTarget(name: "greeter-client", dependencies: ["ExampleServices"], path: "Sources/Examples/GreeterClient"),
        .executableTarget(name: "user-server", dependencies: ["ExampleServices"], path: "Sources/Examples/UserServer"),
        .executableTarget(name: "user-client", dependencies: ["ExampleServices"], path: "Sources/Examples/UserClient"),

        // Tools. grpc.testing: the interop TestService and the benchmark service
        // (../shared/bench/CONTRACT.md), with their servers and clients.
        .target(name: "GRPCTestingServices", dependencies: ["SwiftGRPC"], path: "Sources/Tools/GRPCTestingServices"),
        .executableTarget(name: "interop-server", dependencies: ["GRPCTestingServices", "ExampleServices"], path: "Sources/Tools/Interop/InteropServer"),
        .executableTarget(name: "interop-client", dependencies: ["GRPCTestingServices", "ExampleServices"], path: "Sources/Tools/Interop/InteropClient"),
        // Drives and serves the Echo service for the grpcio interop tests.
        .executableTarget(name: "echo-tool", dependencies: ["ExampleServices", "TestServices"], path: "Sources/Tools/Interop/EchoTool"),
        .executableTarget(name: "bench-server", dependencies: ["GRPCTestingServices", "ExampleServices", "SwiftGRPC"], path: "Sources/Tools/Bench/BenchServer"),
        .executableTarget(name: "bench-client", dependencies: ["GRPCTestingServices", "ExampleServices", "BenchSupport"], path: "Sources/Tools/Bench/BenchClient"),
        .target(name: "BenchSupport", path: "Sources/Tools/Bench/BenchSupport"),
        // Unary calls in-process against the same calls over TCP loopback, in one process.
        .executableTarget(name: "transport-bench", dependencies: ["GRPCTestingServices", "BenchSupport"], path: "Sources/Tools/Bench/TransportBench"),
        // The codec benchmark: our generated benchmark messages and a timing harness that the
        // Benchmarks/ subpackage reuses to measure swift-protobuf side by side.
        .target(name: "CodecBenchKit", dependencies: ["SwiftProto"], path: "Sources/Tools/Bench/CodecBenchKit"),
        .executableTarget(name: "codec-bench", dependencies: ["CodecBenchKit"], path: "Sources/Tools/Bench/CodecBench"),
        .executableTarget(name: "conformance-testee", dependencies: ["TestMessages"], path: "Sources/Tools/Conformance/ConformanceTestee"),
        // Random messages and round trips for the Python oracle tests.
        .executableTarget(name: "proto-oracle", dependencies: ["TestMessages"], path: "Sources/Tools/Oracle/ProtoOracle"),

        // Test support: messages generated from protos/testdata and protobuf's test schemas
        // (SwiftProto only), and the Echo service the end-to-end tests call.
        .target(name: "TestMessages", dependencies: ["SwiftProto"], path: "Sources/TestSupport/TestMessages"),
        .target(name: "TestServices", dependencies: ["SwiftGRPC", "TestMessages"], path: "Sources/TestSupport/TestServices"),
        .testTarget(name: "SwiftProtoTests", dependencies: ["SwiftProto", "SwiftProtoFoundation", "TestMessages"], path: "Tests/SwiftProtoTests"),
        .testTarget(name: "GRPCTests", dependencies: ["SwiftGRPC", "TestMessages", "TestServices", "COpenSSL"], path: "Tests/GRPCTests"),
        .testTarget(name: "GeneratorTests", dependencies: ["SwiftGRPCGenerator", "SwiftProto"], path: "Tests/GeneratorTests"),
    ],
    swiftLanguageModes: [.v6]
)

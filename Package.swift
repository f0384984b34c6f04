// swift-tools-version:6.0
import PackageDescription

// The runtime and the plugin depend on no Swift package: system libraries only.
let package = Package(
    name: "swiftgrpc",
    products: [
        .library(name: "SwiftProto", targets: ["SwiftProto"]),
        .library(name: "SwiftProtoFoundation", targets: ["SwiftProtoFoundation"]),
        .library(name: "SwiftGRPC", targets: ["SwiftGRPC"]),
        .executable(name: "protoc-gen-swiftgrpc", targets: ["protoc-gen-swiftgrpc"]),
        .executable(name: "conformance-testee", targets: ["ConformanceTestee"]),
        .executable(name: "codec-bench", targets: ["CodecBench"]),
        .library(name: "CodecBenchKit", targets: ["CodecBenchKit"]),
        .library(name: "BenchSupport", targets: ["BenchSupport"]),
        .executable(name: "proto-oracle", targets: ["ProtoOracle"]),
        .executable(name: "greeter-server", targets: ["GreeterServer"]),
        .executable(name: "greeter-client", targets: ["GreeterClient"]),
        .executable(name: "user-server", targets: ["UserServer"]),
        .executable(name: "user-client", targets: ["UserClient"]),
        .executable(name: "echo-tool", targets: ["EchoTool"]),
        .executable(name: "bench-server", targets: ["BenchServer"]),
        .executable(name: "bench-client", targets: ["BenchClient"]),
        .executable(name: "interop-server", targets: ["InteropServer"]),
        .executable(name: "interop-client", targets: ["InteropClient"]),
    ],
    targets: [
        .target(name: "SwiftProto", path: "Runtime/Proto"),
        // Date, Data and TimeInterval conveniences, apart so that SwiftProto imports no Foundation.
        .target(name: "SwiftProtoFoundation", dependencies: ["SwiftProto"], path: "Runtime/ProtoFoundation"),
        .systemLibrary(name: "CNGHTTP2", path: "Sources/CNGHTTP2", pkgConfig: "libnghttp2", providers: [.apt(["libnghttp2-dev"])]),
        .systemLibrary(name: "CSystemShims", path: "Sources/CSystemShims"),
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "COpenSSL", path: "Sources/COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        .target(name: "SwiftGRPC", dependencies: ["SwiftProto", "CNGHTTP2", "CSystemShims", "CZlib", "COpenSSL"], path: "Runtime/GRPC"),
        .target(name: "SwiftGRPCGenerator", dependencies: ["SwiftProto"], path: "Plugin/Generator"),
        .executableTarget(name: "protoc-gen-swiftgrpc", dependencies: ["SwiftGRPCGenerator"], path: "Plugin/Main"),
        // Messages generated from protos/test and protobuf's conformance schemas, for tests.
        .target(name: "TestMessages", dependencies: ["SwiftProto", "SwiftGRPC"], path: "Sources/TestMessages"),
        // The seed examples: a Greeter and a UserService, servers and clients.
        .target(name: "ExampleServices", dependencies: ["SwiftGRPC"], path: "Sources/ExampleServices"),
        .executableTarget(name: "GreeterServer", dependencies: ["ExampleServices"], path: "Sources/GreeterServer"),
        .executableTarget(name: "GreeterClient", dependencies: ["ExampleServices"], path: "Sources/GreeterClient"),
        .executableTarget(name: "UserServer", dependencies: ["ExampleServices"], path: "Sources/UserServer"),
        .executableTarget(name: "UserClient", dependencies: ["ExampleServices"], path: "Sources/UserClient"),
        // grpc.testing: the benchmark service (../shared/bench/CONTRACT.md) and the interop
        // TestService, with their servers and clients.
        .target(name: "GRPCTestingServices", dependencies: ["SwiftGRPC"], path: "Sources/GRPCTestingServices"),
        .executableTarget(name: "BenchServer", dependencies: ["GRPCTestingServices", "ExampleServices", "SwiftGRPC"], path: "Sources/BenchServer"),
        .target(name: "BenchSupport", path: "Sources/BenchSupport"),
        .executableTarget(name: "BenchClient", dependencies: ["GRPCTestingServices", "ExampleServices", "BenchSupport"], path: "Sources/BenchClient"),
        .executableTarget(name: "InteropServer", dependencies: ["GRPCTestingServices", "ExampleServices"], path: "Sources/InteropServer"),
        .executableTarget(name: "InteropClient", dependencies: ["GRPCTestingServices", "ExampleServices"], path: "Sources/InteropClient"),
        // Drives and serves the Echo service for the grpcio interop tests.
        .executableTarget(name: "EchoTool", dependencies: ["ExampleServices", "TestMessages"], path: "Sources/EchoTool"),
        .executableTarget(name: "ConformanceTestee", dependencies: ["TestMessages"], path: "Sources/ConformanceTestee"),
        // Random messages and round trips for the Python oracle tests.
        .executableTarget(name: "ProtoOracle", dependencies: ["TestMessages"], path: "Sources/ProtoOracle"),
        // The codec benchmark: our generated benchmark messages and a timing harness that the
        // Benchmarks/ subpackage reuses to measure swift-protobuf side by side.
        .target(name: "CodecBenchKit", dependencies: ["SwiftProto"], path: "Sources/CodecBenchKit"),
        .executableTarget(name: "CodecBench", dependencies: ["CodecBenchKit"], path: "Sources/CodecBench"),
        .testTarget(name: "SwiftProtoTests", dependencies: ["SwiftProto", "SwiftProtoFoundation", "TestMessages"], path: "Tests/SwiftProtoTests"),
        .testTarget(name: "GRPCTests", dependencies: ["SwiftGRPC", "TestMessages", "COpenSSL"], path: "Tests/GRPCTests"),
        .testTarget(name: "GeneratorTests", dependencies: ["SwiftGRPCGenerator", "SwiftProto"], path: "Tests/GeneratorTests"),
    ],
    swiftLanguageModes: [.v6]
)

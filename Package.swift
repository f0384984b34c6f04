// swift-tools-version:6.0
import PackageDescription

// The runtime and the plugin depend on no Swift package: system libraries only.
let package = Package(
    name: "swiftgrpc",
    products: [
        .library(name: "SwiftProto", targets: ["SwiftProto"]),
        .executable(name: "protoc-gen-swiftgrpc", targets: ["protoc-gen-swiftgrpc"]),
        .executable(name: "conformance-testee", targets: ["ConformanceTestee"]),
        .executable(name: "codec-bench", targets: ["CodecBench"]),
        .library(name: "CodecBenchKit", targets: ["CodecBenchKit"]),
        .executable(name: "proto-oracle", targets: ["ProtoOracle"]),
    ],
    targets: [
        .target(name: "SwiftProto", path: "Runtime/Proto"),
        .target(name: "SwiftGRPCGenerator", dependencies: ["SwiftProto"], path: "Plugin/Generator"),
        .executableTarget(name: "protoc-gen-swiftgrpc", dependencies: ["SwiftGRPCGenerator"], path: "Plugin/Main"),
        // Messages generated from protos/test and protobuf's conformance schemas, for tests.
        .target(name: "TestMessages", dependencies: ["SwiftProto"], path: "Sources/TestMessages"),
        .executableTarget(name: "ConformanceTestee", dependencies: ["TestMessages"], path: "Sources/ConformanceTestee"),
        // Random messages and round trips for the Python oracle tests.
        .executableTarget(name: "ProtoOracle", dependencies: ["TestMessages"], path: "Sources/ProtoOracle"),
        // The codec benchmark: our generated benchmark messages and a timing harness that the
        // Benchmarks/ subpackage reuses to measure swift-protobuf side by side.
        .target(name: "CodecBenchKit", dependencies: ["SwiftProto"], path: "Sources/CodecBenchKit"),
        .executableTarget(name: "CodecBench", dependencies: ["CodecBenchKit"], path: "Sources/CodecBench"),
        .testTarget(name: "SwiftProtoTests", dependencies: ["SwiftProto", "TestMessages"], path: "Tests/SwiftProtoTests"),
        .testTarget(name: "GeneratorTests", dependencies: ["SwiftGRPCGenerator", "SwiftProto"], path: "Tests/GeneratorTests"),
    ],
    swiftLanguageModes: [.v6]
)

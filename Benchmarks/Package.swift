// swift-tools-version:6.0
import PackageDescription

// Side-by-side benchmarks against other Swift implementations. Kept out of the main package
// so that it depends on no Swift package. swift-protobuf's generated code is committed
// (Sources/SwiftProtobufSubject/Generated, from ../shared/protos/benchmarks by protoc-gen-swift
// 1.39.0) because building its plugin takes minutes.
let package = Package(
    name: "swiftgrpc-benchmarks",
    dependencies: [
        .package(name: "swiftgrpc", path: ".."),
        .package(url: "https://github.com/apple/swift-protobuf.git", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-2.git", exact: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport.git", exact: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf.git", exact: "2.4.1"),
    ],
    targets: [
        // Our codec harness and bench statistics, shared with the main package through symbolic
        // links (Sources/CodecBenchKit, Sources/BenchSupport): they are not products there.
        .target(name: "CodecBenchKit", dependencies: [.product(name: "SwiftProto", package: "swiftgrpc")]),
        .target(name: "BenchSupport"),
        .target(
            name: "SwiftProtobufSubject",
            dependencies: [
                "CodecBenchKit",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        // grpc-swift-2's bench server and client; their generated code (from ../protos/grpc/testing
        // by protoc-gen-swift 1.39.0 and protoc-gen-grpc-swift-2 2.4.1) is committed.
        .target(
            name: "GRPCSwiftBench",
            dependencies: [
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .executableTarget(
            name: "GRPCSwiftBenchServer",
            dependencies: ["GRPCSwiftBench", .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport")]),
        .executableTarget(
            name: "GRPCSwiftBenchClient",
            dependencies: [
                "GRPCSwiftBench", "BenchSupport",
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
            ]),
        .executableTarget(
            name: "CodecCompare",
            dependencies: ["SwiftProtobufSubject", "CodecBenchKit"]),
    ],
    swiftLanguageModes: [.v6]
)

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
    ],
    targets: [
        .target(
            name: "SwiftProtobufSubject",
            dependencies: [
                .product(name: "CodecBenchKit", package: "swiftgrpc"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .executableTarget(
            name: "CodecCompare",
            dependencies: ["SwiftProtobufSubject", .product(name: "CodecBenchKit", package: "swiftgrpc")]),
    ],
    swiftLanguageModes: [.v6]
)

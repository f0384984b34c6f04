// swift-tools-version:6.0
import PackageDescription

// Builds the DocC archives of SwiftProto and SwiftGRPC (`make docs`). A package of its own so
// that the main package keeps no Swift dependency: swift-docc-plugin is needed only here. It
// documents the main package's products through its `--product` option, which looks in
// dependencies too, so the catalogs and sources stay where they are (Runtime/Proto/SwiftProto.docc,
// Runtime/GRPC/SwiftGRPC.docc) and the system-library shims come from the main manifest.
let package = Package(
    name: "swiftgrpc-docs",
    dependencies: [
        .package(name: "swiftgrpc", path: ".."),
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", exact: "1.5.0"),
    ],
    targets: []
)

// swift-tools-version:6.1
import PackageDescription

// Adapters from swiftgrpc's hooks (interceptors, transport events, the server's lifecycle) to
// the server-side Swift ecosystem. A package of its own, like Benchmarks/ and DocC/, so that
// SwiftProto and SwiftGRPC keep no Swift dependency: only users who want an adapter pay for it.
let package = Package(
    name: "swiftgrpc-integrations",
    products: [
        .library(name: "SwiftGRPCLogging", targets: ["SwiftGRPCLogging"]),
        .library(name: "SwiftGRPCMetrics", targets: ["SwiftGRPCMetrics"]),
        .library(name: "SwiftGRPCTracing", targets: ["SwiftGRPCTracing"]),
        .library(name: "SwiftGRPCServiceLifecycle", targets: ["SwiftGRPCServiceLifecycle"]),
    ],
    dependencies: [
        .package(name: "swiftgrpc", path: ".."),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-distributed-tracing.git", from: "1.7.3"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Tests only: a tracer that propagates W3C `traceparent`.
        .package(url: "https://github.com/swift-otel/swift-w3c-trace-context.git", from: "1.0.0"),
    ],
    targets: [
        .target(name: "SwiftGRPCLogging", dependencies: [
            .product(name: "SwiftGRPC", package: "swiftgrpc"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // CoreMetrics, not Metrics: the same API without Foundation.
        .target(name: "SwiftGRPCMetrics", dependencies: [
            .product(name: "SwiftGRPC", package: "swiftgrpc"),
            .product(name: "CoreMetrics", package: "swift-metrics"),
        ]),
        .target(name: "SwiftGRPCTracing", dependencies: [
            .product(name: "SwiftGRPC", package: "swiftgrpc"),
            .product(name: "Tracing", package: "swift-distributed-tracing"),
        ]),
        .target(name: "SwiftGRPCServiceLifecycle", dependencies: [
            .product(name: "SwiftGRPC", package: "swiftgrpc"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),

        // A small service with every call kind, generated at build time by the main package's
        // build plugin (which these tests prove too), and a loopback server to call it on.
        .target(
            name: "IntegrationTestSupport",
            dependencies: [.product(name: "SwiftGRPC", package: "swiftgrpc")],
            path: "Tests/IntegrationTestSupport",
            plugins: [.plugin(name: "SwiftGRPCPlugin", package: "swiftgrpc")]
        ),
        .testTarget(name: "SwiftGRPCLoggingTests", dependencies: [
            "SwiftGRPCLogging", "IntegrationTestSupport",
            .product(name: "InMemoryLogging", package: "swift-log"),
        ]),
        .testTarget(name: "SwiftGRPCMetricsTests", dependencies: [
            "SwiftGRPCMetrics", "IntegrationTestSupport",
            .product(name: "MetricsTestKit", package: "swift-metrics"),
        ]),
        .testTarget(name: "SwiftGRPCTracingTests", dependencies: [
            "SwiftGRPCTracing", "IntegrationTestSupport",
            .product(name: "InMemoryTracing", package: "swift-distributed-tracing"),
            .product(name: "W3CTraceContext", package: "swift-w3c-trace-context"),
        ]),
        .testTarget(name: "SwiftGRPCServiceLifecycleTests", dependencies: [
            "SwiftGRPCServiceLifecycle", "IntegrationTestSupport",
            .product(name: "ServiceLifecycleTestKit", package: "swift-service-lifecycle"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)

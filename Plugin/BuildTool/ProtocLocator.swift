import Foundation

/// The protoc to run: `protocPath` from swiftgrpc-config.json, else `PROTOC_PATH`, else the first
/// `protoc` on `PATH`. A setting may be a command with arguments, such as
/// `python3 -m grpc_tools.protoc` (grpcio-tools' protoc, which adds its own well-known types).
struct ProtocLocator {
    let executable: URL
    let leadingArguments: [String]

    /// True for grpcio-tools, which brings its own google/protobuf/*.proto.
    var bringsWellKnownTypes: Bool { leadingArguments.contains("grpc_tools.protoc") }

    static let installHint = """
        install one: 'apt-get install protobuf-compiler libprotobuf-dev' on Debian or Ubuntu, or \
        'pip install grpcio-tools' and set PROTOC_PATH (or "protocPath" in \(PluginConfiguration.fileName)) \
        to 'python3 -m grpc_tools.protoc'
        """

    static func locate(configured: String?, environment: [String: String]) throws -> ProtocLocator {
        let searchPath = (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let configured {
            return try command(configured, source: "\"protocPath\" in \(PluginConfiguration.fileName)", searchPath: searchPath)
        }
        if let fromEnvironment = environment["PROTOC_PATH"], !fromEnvironment.isEmpty {
            return try command(fromEnvironment, source: "PROTOC_PATH", searchPath: searchPath)
        }
        guard let found = find("protoc", in: searchPath) else {
            throw PluginError("SwiftGRPCPlugin: protoc was not found on PATH; \(installHint)")
        }
        return ProtocLocator(executable: found, leadingArguments: [])
    }

    private static func command(_ setting: String, source: String, searchPath: [String]) throws -> ProtocLocator {
        let words = setting.split(separator: " ").map(String.init)
        guard let program = words.first else {
            throw PluginError("SwiftGRPCPlugin: \(source) is empty; \(installHint)")
        }
        let executable = program.contains("/") ? URL(fileURLWithPath: program) : find(program, in: searchPath)
        guard let executable, FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw PluginError("SwiftGRPCPlugin: \(source) names '\(program)', which is not an executable file; \(installHint)")
        }
        return ProtocLocator(executable: executable, leadingArguments: Array(words.dropFirst()))
    }

    private static func find(_ program: String, in searchPath: [String]) -> URL? {
        for directory in searchPath where !directory.isEmpty {
            let candidate = URL(fileURLWithPath: directory).appending(path: program)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

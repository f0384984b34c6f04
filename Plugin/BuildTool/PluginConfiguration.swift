import Foundation

/// `swiftgrpc-config.json` in the target's directory; every key is optional:
///
///     { "visibility": "Public", "fileNaming": "PathToUnderscores", "server": true, "client": true,
///       "importPaths": ["../../protos"], "protocPath": "/usr/bin/protoc" }
///
/// Visibility defaults to Public (not the protoc plugin's Internal) so that another target can
/// import the generated types; file naming to PathToUnderscores, because a module cannot hold two
/// Swift files of the same name and the outputs of every directory land in one folder.
struct PluginConfiguration: Decodable {
    static let fileName = "swiftgrpc-config.json"

    var visibility = "Public"
    var fileNaming = "PathToUnderscores"
    var server = true
    var client = true
    /// Relative to the target's directory.
    var importPaths: [String] = []
    var protocPath: String?
    /// Where it was read from; nil when the target has none.
    var file: URL?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case visibility, fileNaming, server, client, importPaths, protocPath
    }

    init() {}

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        visibility = try container.decodeIfPresent(String.self, forKey: .visibility) ?? visibility
        fileNaming = try container.decodeIfPresent(String.self, forKey: .fileNaming) ?? fileNaming
        server = try container.decodeIfPresent(Bool.self, forKey: .server) ?? server
        client = try container.decodeIfPresent(Bool.self, forKey: .client) ?? client
        importPaths = try container.decodeIfPresent([String].self, forKey: .importPaths) ?? importPaths
        protocPath = try container.decodeIfPresent(String.self, forKey: .protocPath)
    }

    static func load(targetDirectory: URL) throws -> PluginConfiguration {
        let url = targetDirectory.appending(path: fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return PluginConfiguration() }
        let data = try Data(contentsOf: url)
        let configuration: PluginConfiguration
        do {
            try rejectUnknownKeys(in: data, file: url)
            configuration = try JSONDecoder().decode(PluginConfiguration.self, from: data)
        } catch let error as PluginError {
            throw error
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw PluginError("\(url.path): '\(key)' must be \(Self.describe(type))")
        } catch {
            throw PluginError("\(url.path) is not valid JSON: \(error)")
        }
        try configuration.validate(file: url)
        var located = configuration
        located.file = url
        return located
    }

    /// A misspelt key would otherwise be ignored silently.
    private static func rejectUnknownKeys(in data: Data, file: URL) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw PluginError("\(file.path) must hold a JSON object")
        }
        let known = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = object.keys.sorted().first(where: { !known.contains($0) }) {
            throw PluginError("\(file.path): unknown key '\(unknown)' (known: \(CodingKeys.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Bool.Type: return "true or false"
        case is [String].Type: return "an array of strings"
        default: return "a string"
        }
    }

    private func validate(file: URL) throws {
        guard ["Internal", "Public", "Package"].contains(visibility) else {
            throw PluginError("\(file.path): visibility must be Internal, Public or Package, not '\(visibility)'")
        }
        guard ["FullPath", "PathToUnderscores", "DropPath"].contains(fileNaming) else {
            throw PluginError("\(file.path): fileNaming must be FullPath, PathToUnderscores or DropPath, not '\(fileNaming)'")
        }
    }

    /// protoc-gen-swiftgrpc's parameters: the defaults of what it reads from the file on every
    /// run (so a key deleted after planning falls back to its default), and the file naming that
    /// the declared outputs were planned with.
    var generatorParameters: [String] {
        let defaults = PluginConfiguration()
        return ["Visibility=\(defaults.visibility)", "FileNaming=\(fileNaming)", "Server=\(defaults.server)",
                "Client=\(defaults.client)", "AlwaysEmitServiceFile=true"]
    }

    /// Where protoc-gen-swiftgrpc writes the file generated from `protoPath` (it names them the same way).
    func outputName(forProtoPath protoPath: String, suffix: String) -> String {
        let base = protoPath.hasSuffix(".proto") ? String(protoPath.dropLast(6)) : protoPath
        switch fileNaming {
        case "FullPath": return base + suffix
        case "DropPath": return (base.split(separator: "/").last.map(String.init) ?? base) + suffix
        default: return base.replacingOccurrences(of: "/", with: "_") + suffix
        }
    }
}

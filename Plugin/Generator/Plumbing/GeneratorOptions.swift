/// The plugin's parameters: `--swiftgrpc_opt=Visibility=public,FileNaming=DropPath`.
struct GeneratorOptions {
    enum Visibility: String {
        case `internal` = "Internal"
        case `public` = "Public"
        case `package` = "Package"

        var keyword: String {
            switch self {
            case .internal: return ""
            case .public: return "public "
            case .package: return "package "
            }
        }
    }

    enum FileNaming: String {
        /// `foo/bar.proto` → `foo/bar.pb.swift`
        case fullPath = "FullPath"
        /// `foo/bar.proto` → `foo_bar.pb.swift`
        case pathToUnderscores = "PathToUnderscores"
        /// `foo/bar.proto` → `bar.pb.swift`
        case dropPath = "DropPath"
    }

    var visibility = Visibility.internal
    var fileNaming = FileNaming.fullPath
    /// False when generating into the SwiftProto module itself (the well-known types).
    var importsRuntime = true
    /// False when generating service code into the SwiftGRPC module itself (its health and
    /// reflection services).
    var importsGRPC = true
    var generatesServer = true
    var generatesClient = true
    /// For build systems that must name every output beforehand: a `.grpc.swift` for every
    /// file, with no declarations when the file has no services.
    var alwaysEmitsServiceFile = false
    var moduleMappings = ModuleMappings()

    init(parameter: String) throws {
        var buildPluginConfig: BuildPluginConfig?
        var plannedBuildPluginConfig: BuildPluginConfig?
        for item in parameter.split(separator: ",") where !item.isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpacesAround }
            guard parts.count == 2 else {
                throw OptionError("parameter '\(item)' is not of the form Key=Value")
            }
            let (key, value) = (parts[0], parts[1])
            switch key {
            case "Visibility":
                guard let parsed = Visibility(rawValue: value.capitalizedFirst) else {
                    throw OptionError("Visibility must be Internal, Public or Package, not '\(value)'")
                }
                visibility = parsed
            case "FileNaming":
                guard let parsed = FileNaming(rawValue: value) else {
                    throw OptionError("FileNaming must be FullPath, PathToUnderscores or DropPath, not '\(value)'")
                }
                fileNaming = parsed
            case "ProtoPathModuleMappings":
                moduleMappings = try ModuleMappings(contentsOf: value)
            case "BuildPluginConfig":
                buildPluginConfig = try BuildPluginConfig(path: value)
            case "PlannedBuildPluginConfig":
                plannedBuildPluginConfig = try BuildPluginConfig(path: value)
            case "ImportRuntime", "ImportGRPC", "Server", "Client", "AlwaysEmitServiceFile":
                guard let parsed = Bool(value.lowercased()) else {
                    throw OptionError("\(key) must be true or false, not '\(value)'")
                }
                switch key {
                case "Server": generatesServer = parsed
                case "Client": generatesClient = parsed
                case "AlwaysEmitServiceFile": alwaysEmitsServiceFile = parsed
                case "ImportGRPC": importsGRPC = parsed
                default: importsRuntime = parsed
                }
            default:
                throw OptionError("unknown parameter '\(key)' (known: Visibility, FileNaming, Server, Client, ProtoPathModuleMappings, AlwaysEmitServiceFile, ImportRuntime, ImportGRPC, BuildPluginConfig, PlannedBuildPluginConfig)")
            }
        }
        if let buildPluginConfig {
            if let plannedBuildPluginConfig { try buildPluginConfig.requireSamePlan(as: plannedBuildPluginConfig) }
            try buildPluginConfig.apply(to: &self)
        }
    }

    /// The output path for a .proto file with the given suffix (".pb.swift").
    func outputPath(for protoPath: String, suffix: String) -> String {
        let base = protoPath.hasSuffix(".proto") ? String(protoPath.dropLast(6)) : protoPath
        switch fileNaming {
        case .fullPath: return base + suffix
        case .pathToUnderscores: return base.replacingSlashes(with: "_") + suffix
        case .dropPath: return String(base.split(separator: "/").last ?? Substring(base)) + suffix
        }
    }
}

struct OptionError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension String {
    var trimmingSpacesAround: String {
        var s = self[...]
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }

    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst().lowercased() }

    func replacingSlashes(with replacement: Character) -> String {
        String(map { $0 == "/" ? replacement : $0 })
    }
}

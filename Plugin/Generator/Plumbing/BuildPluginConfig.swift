import SwiftProto

/// swiftgrpc-config.json as SwiftGRPCPlugin's commands find it when they run. SwiftPM runs a
/// build plugin only when it plans a build (files added or removed, the manifest changed), not
/// when a file's content changes; so what only shapes the generated code (visibility, server,
/// client) is read here on every run, and what the plan itself was made from (file naming,
/// import paths, protoc) is compared with the copy the plugin kept, so a change is not lost.
struct BuildPluginConfig {
    typealias Configuration = Swiftgrpc_Plugin_BuildPluginConfiguration

    let path: String
    let configuration: Configuration

    init(path: String) throws {
        self.path = path
        let text = try TextFile.read(path, describedAs: "the build plugin configuration")
        do {
            configuration = try Configuration(jsonString: text)
        } catch {
            throw OptionError("\(path): \(error)")
        }
    }

    /// The settings of the file, over the plugin's defaults that the parameters carry.
    func apply(to options: inout GeneratorOptions) throws {
        if configuration.hasVisibility {
            guard let visibility = GeneratorOptions.Visibility(rawValue: configuration.visibility) else {
                throw OptionError("\(path): visibility must be Internal, Public or Package, not '\(configuration.visibility)'")
            }
            options.visibility = visibility
        }
        if configuration.hasServer { options.generatesServer = configuration.server }
        if configuration.hasClient { options.generatesClient = configuration.client }
    }

    func requireSamePlan(as planned: BuildPluginConfig) throws {
        let (now, then) = (configuration, planned.configuration)
        var changed: [String] = []
        if now.hasFileNaming != then.hasFileNaming || now.fileNaming != then.fileNaming { changed.append("fileNaming") }
        if now.importPaths != then.importPaths { changed.append("importPaths") }
        if now.hasProtocPath != then.hasProtocPath || now.protocPath != then.protocPath { changed.append("protocPath") }
        guard changed.isEmpty else {
            throw OptionError("""
                \(path): \(changed.joined(separator: ", ")) changed since SwiftPM planned this build, and SwiftPM runs \
                build plugins again only when files are added or removed or Package.swift changes: touch Package.swift \
                and build again
                """)
        }
    }
}

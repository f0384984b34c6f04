import Foundation

/// Reads the `import "…";` statements of .proto files (comments and strings skipped), so that a
/// build command lists what its file imports as inputs: editing an imported file regenerates its
/// importers and nothing else.
final class ProtoImportScanner {
    let importRoots: [URL]
    /// Each file is read once, however many commands list it.
    private var importsByPath: [String: [String]] = [:]

    init(importRoots: [URL]) {
        self.importRoots = importRoots
    }

    func imports(of file: URL) -> [String] {
        if let known = importsByPath[file.path] { return known }
        let names = Self.imports(in: file)
        importsByPath[file.path] = names
        return names
    }

    /// Every file `proto` imports, directly or not, that lies under an import root.
    func localImports(of proto: URL) -> [URL] {
        var seen: Set<String> = [proto.standardizedFileURL.path]
        var found: [URL] = []
        var pending = [proto]
        while let file = pending.popLast() {
            for name in imports(of: file) {
                guard let resolved = resolve(name), seen.insert(resolved.path).inserted else { continue }
                found.append(resolved)
                pending.append(resolved)
            }
        }
        return found.sorted { $0.path < $1.path }
    }

    func resolve(_ importName: String) -> URL? {
        for root in importRoots {
            let candidate = root.appending(path: importName).standardizedFileURL
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// protoc finds google/protobuf/*.proto next to itself (`../include`); say what to install
    /// when it cannot, rather than leave the user with protoc's "File not found".
    func requireWellKnownTypes(for protos: [URL], protoc: ProtocLocator) throws {
        guard !protoc.bringsWellKnownTypes else { return }
        let wanted = Set(protos.flatMap { [$0] + localImports(of: $0) }.flatMap(imports(of:))
            .filter { $0.hasPrefix("google/protobuf/") && resolve($0) == nil })
        guard let missing = wanted.sorted().first else { return }
        let include = protoc.executable.resolvingSymlinksInPath().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "include")
        guard !FileManager.default.fileExists(atPath: include.appending(path: missing).path) else { return }
        throw PluginError("""
            SwiftGRPCPlugin: \(missing) is imported but \(protoc.executable.path) has no well-known types \
            beside it (\(include.path)); install them with 'apt-get install libprotobuf-dev', or use \
            grpcio-tools' protoc ('python3 -m grpc_tools.protoc')
            """)
    }

    /// The quoted names after `import` (and `import public` / `import weak`).
    static func imports(in file: URL) -> [String] {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return [] }
        var tokens: [String] = []
        var names: [String] = []
        var index = text.startIndex
        func peek(_ offset: Int = 0) -> Character? {
            text.index(index, offsetBy: offset, limitedBy: text.endIndex).flatMap { $0 < text.endIndex ? text[$0] : nil }
        }
        while index < text.endIndex {
            let character = text[index]
            if character == "/" && peek(1) == "/" {
                while index < text.endIndex && text[index] != "\n" { index = text.index(after: index) }
            } else if character == "/" && peek(1) == "*" {
                index = text.index(index, offsetBy: 2)
                while index < text.endIndex && !(text[index] == "*" && peek(1) == "/") { index = text.index(after: index) }
                index = text.index(index, offsetBy: 2, limitedBy: text.endIndex) ?? text.endIndex
            } else if character == "\"" || character == "'" {
                var literal = ""
                index = text.index(after: index)
                while index < text.endIndex && text[index] != character {
                    if text[index] == "\\" { index = text.index(after: index); if index == text.endIndex { break } }
                    literal.append(text[index])
                    index = text.index(after: index)
                }
                if index < text.endIndex { index = text.index(after: index) }
                let keyword = tokens.last == "public" || tokens.last == "weak" ? tokens.dropLast().last : tokens.last
                if keyword == "import" { names.append(literal) }
                tokens.append("\"")
            } else if character.isLetter || character == "_" {
                var word = ""
                while index < text.endIndex && (text[index].isLetter || text[index].isNumber || text[index] == "_") {
                    word.append(text[index])
                    index = text.index(after: index)
                }
                tokens.append(word)
            } else {
                if !character.isWhitespace { tokens.append(String(character)) }
                index = text.index(after: index)
            }
            if tokens.count > 4 { tokens.removeFirst(tokens.count - 4) }
        }
        return names
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file a parameter names, read whole (the generator has no Foundation).
enum TextFile {
    /// - Parameter description: what the file is, for the error: "the ProtoPathModuleMappings file".
    static func read(_ path: String, describedAs description: String) throws -> String {
        guard let handle = fopen(path, "rb") else {
            throw OptionError("cannot read \(description) \(path): \(String(cString: strerror(errno)))")
        }
        defer { fclose(handle) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count == 0 { break }
            bytes += chunk[..<count]
        }
        guard ferror(handle) == 0 else {
            throw OptionError("cannot read \(description) \(path): \(String(cString: strerror(errno)))")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

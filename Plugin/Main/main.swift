import SwiftGRPCGenerator

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// protoc runs us with a CodeGeneratorRequest on stdin and reads the response from stdout.
var request: [UInt8] = []
var chunk = [UInt8](repeating: 0, count: 65536)
while true {
    let count = chunk.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
    if count > 0 {
        request.append(contentsOf: chunk[0..<count])
    } else if count == 0 || errno != EINTR {
        break
    }
}
let response = Generator.respond(to: request)
var written = 0
while written < response.count {
    let count = response[written...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
    if count < 0 {
        if errno == EINTR { continue }
        exit(1)
    }
    written += count
}

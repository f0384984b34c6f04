import GRPCCore
import GRPCNIOTransportHTTP2
import GRPCSwiftBench

#if canImport(Glibc)
import Glibc
#endif

/// `grpc-swift-bench-server --port P`: grpc-swift-2's BenchmarkService; READY P; exits on SIGTERM.
var port = 50051
var arguments = CommandLine.arguments.dropFirst()
while let flag = arguments.popFirst() {
    if flag == "--port", let value = arguments.popFirst().flatMap(Int.init) { port = value }
}
let server = GRPCServer(
    transport: .http2NIOPosix(address: .ipv4(host: "127.0.0.1", port: port), transportSecurity: .plaintext),
    services: [GRPCSwiftBenchmarkService()])
signal(SIGTERM, SIG_DFL)
try await withThrowingDiscardingTaskGroup { group in
    group.addTask { try await server.serve() }
    if let address = try await server.listeningAddress?.ipv4 {
        print("READY \(address.port)")
        fflush(nil)
    }
}

import GRPCTestingServices
import SwiftGRPC
import ExampleServices

/// `bench-server --port P [--tls_cert_file F --tls_key_file F]`: BenchmarkService over HTTP/2
/// (plaintext, or TLS with a certificate); prints READY P; exits on SIGTERM.
let arguments = ExampleArguments(usage: "bench-server --port P \(ExampleServer.usage) \(TransportFlags.serverUsage)")
// The benchmark handlers only await, so they can run on the connection's own I/O thread.
var configuration = ServerConfiguration()
configuration.runsHandlersOnEventLoop = true
await ExampleServer.run([BenchmarkService()], arguments: arguments, defaultPort: 50051, configuration: configuration)

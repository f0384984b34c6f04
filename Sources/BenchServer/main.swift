import GRPCTestingServices
import SwiftGRPC
import ExampleServices

/// `bench-server --port P`: BenchmarkService over plaintext HTTP/2; prints READY P; exits on SIGTERM.
let arguments = ExampleArguments(usage: "bench-server --port P")
// The benchmark handlers only await, so they can run on the connection's own I/O thread.
var configuration = ServerConfiguration()
configuration.runsHandlersOnEventLoop = true
await ExampleServer.run([BenchmarkService()], host: "127.0.0.1", port: arguments.int("port", default: 50051),
                        configuration: configuration)

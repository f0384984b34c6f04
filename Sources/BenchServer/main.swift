import GRPCTestingServices
import ExampleServices

/// `bench-server --port P`: BenchmarkService over plaintext HTTP/2; prints READY P; exits on SIGTERM.
let arguments = ExampleArguments(usage: "bench-server --port P")
await ExampleServer.run([BenchmarkService()], host: "127.0.0.1", port: arguments.int("port", default: 50051))

import ExampleServices
import GRPCTestingServices

/// `interop-server --port N [--use_tls false]`: grpc.testing.TestService for the interop cases.
let arguments = ExampleArguments(usage: "interop-server --port N [--use_tls false]")
if arguments.string("use_tls", default: "false") != "false" {
    ExampleArguments.fail("interop-server: TLS is not supported yet; run with --use_tls false")
}
await ExampleServer.run([InteropTestService()], host: arguments.string("host", default: "127.0.0.1"),
                        port: arguments.int("port", default: 10000))

import ExampleServices
import GRPCTestingServices

/// `interop-server --port N [--use_tls true [--tls_cert_file F --tls_key_file F] [--tls_client_ca_file F
/// --require_client_cert true]]`: grpc.testing.TestService for the interop cases (with health and
/// reflection unless `--health false` / `--reflection false`); with TLS and no files, grpc's test
/// credentials (../shared/interop-certs/server1.pem).
let arguments = ExampleArguments(usage: "interop-server --port N \(ExampleServer.usage) \(TransportFlags.serverUsage)")
await ExampleServer.run([InteropTestService()], arguments: arguments, defaultPort: 10000)

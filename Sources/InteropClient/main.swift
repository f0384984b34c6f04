import ExampleServices
import SwiftGRPC

/// `interop-client --server_host H --server_port P --test_case NAME` (or `all`): exits 0 when
/// the case passes; otherwise prints one line saying why and exits 1.
let arguments = ExampleArguments(
    usage: "interop-client --server_host H --server_port P --test_case NAME|all [--use_tls false] [--skip_compression_probe true]")
if arguments.string("use_tls", default: "false") != "false" {
    ExampleArguments.fail("interop-client: TLS is not supported yet; run with --use_tls false")
}
let host = arguments.string("server_host", default: "127.0.0.1")
let port = arguments.int("server_port", default: 10000)
let testCase = arguments.string("test_case", default: "all")
let cases = testCase == "all" ? InteropCases.names : [testCase]
guard cases.allSatisfy(InteropCases.names.contains) else {
    ExampleArguments.fail("interop-client: unknown test case '\(testCase)' (known: \(InteropCases.names.joined(separator: ", ")), all)")
}

let channel = try Channel(target: .tcp(host: host, port: port))
// A server that cannot see whether a request arrived compressed (grpcio's, for one) cannot
// answer the compression probe; the descriptions make expect_compressed optional for them.
let interop = InteropCases(channel: channel, probeCompression: arguments.string("skip_compression_probe", default: "false") != "true")
var failed = false
for name in cases {
    do {
        try await interop.run(name)
        print("PASS \(name)")
    } catch {
        print("FAIL \(name): \(error)")
        failed = true
    }
}
channel.close()
if failed { ExampleArguments.fail("interop-client: some cases failed") }

import ExampleServices
import SwiftGRPC

/// `interop-client --server_host H --server_port P --test_case NAME` (or `all`), over TLS with
/// `--use_tls true --use_test_ca true --server_host_override foo.test.google.fr`: exits 0 when
/// the case passes; otherwise prints one line saying why and exits 1.
let arguments = ExampleArguments(
    usage: "interop-client --server_host H --server_port P --test_case NAME|all [--skip_compression_probe true] \(TransportFlags.clientUsage)")
let host = arguments.string("server_host", default: "127.0.0.1")
let port = arguments.int("server_port", default: 10000)
let testCase = arguments.string("test_case", default: "all")
let cases = testCase == "all" ? InteropCases.names : [testCase]
guard cases.allSatisfy(InteropCases.names.contains) else {
    ExampleArguments.fail("interop-client: unknown test case '\(testCase)' (known: \(InteropCases.names.joined(separator: ", ")), all)")
}

let channel: Channel
do {
    channel = try Channel(target: .tcp(host: host, port: port), configuration: TransportFlags.channelConfiguration(arguments))
} catch {
    ExampleArguments.fail("interop-client: \(error)")
}
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

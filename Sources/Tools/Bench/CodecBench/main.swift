import CodecBenchKit

#if canImport(Glibc)
import Glibc
#endif

/// `codec-bench [--format binary|json] DATASET_FILE...`: one JSON line per dataset
/// (../shared/bench/CONTRACT.md); `message_mix` names the seeded mix instead of a file.
var arguments = Array(CommandLine.arguments.dropFirst())
var format = CodecFormat.binary
if let flag = arguments.firstIndex(of: "--format") {
    guard flag + 1 < arguments.count, let chosen = CodecFormat(rawValue: arguments[flag + 1]) else {
        print("usage: codec-bench [--format binary|json] DATASET_FILE...")
        exit(2)
    }
    format = chosen
    arguments.removeSubrange(flag...(flag + 1))
}
if arguments.isEmpty {
    print("usage: codec-bench [--format binary|json] DATASET_FILE...")
}
for path in arguments {
    do {
        let dataset = try CodecHarness.dataset(named: path)
        guard let result = try CodecHarness.run(SwiftProtoSubject(), dataset: dataset, format: format) else {
            print("{\"impl\":\"swiftgrpc\",\"dataset\":\"\(dataset.name)\",\"error\":\"unknown message \(dataset.messageName)\"}")
            continue
        }
        print(result.jsonLine)
    } catch {
        print("{\"impl\":\"swiftgrpc\",\"error\":\"\(path): \(error)\"}")
    }
}

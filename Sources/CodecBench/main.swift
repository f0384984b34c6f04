import CodecBenchKit

/// `codec-bench DATASET_FILE...`: one JSON line per dataset (../shared/bench/CONTRACT.md).
let paths = CommandLine.arguments.dropFirst()
if paths.isEmpty {
    print("usage: codec-bench DATASET_FILE...")
}
for path in paths {
    do {
        let dataset = try CodecHarness.loadDataset(path: path)
        guard let result = try CodecHarness.run(SwiftProtoSubject(), dataset: dataset) else {
            print("{\"impl\":\"swiftgrpc\",\"dataset\":\"\(dataset.name)\",\"error\":\"unknown message \(dataset.messageName)\"}")
            continue
        }
        print(result.jsonLine)
    } catch {
        print("{\"impl\":\"swiftgrpc\",\"error\":\"\(path): \(error)\"}")
    }
}

import CodecBenchKit
import SwiftProtobufSubject

/// `codec-compare DATASET_FILE...`: swiftgrpc and swift-protobuf on each dataset in one run,
/// alternating, each a contract JSON line, then the ratio of the two.
let subjects: [CodecSubject] = [SwiftProtoSubject(), SwiftProtobufSubject()]
for path in CommandLine.arguments.dropFirst() + ["message_mix"] {
    do {
        let dataset = path == "message_mix" ? try MessageMix.dataset() : try CodecHarness.loadDataset(path: path)
        var results: [CodecResult] = []
        for subject in subjects {
            if let result = try CodecHarness.run(subject, dataset: dataset) {
                print(result.jsonLine)
                results.append(result)
            }
        }
        if results.count == 2 {
            let parse = results[0].parseMegabytesPerSecond / results[1].parseMegabytesPerSecond
            let serialize = results[0].serializeMegabytesPerSecond / results[1].serializeMegabytesPerSecond
            print("# \(dataset.name): swiftgrpc/swift-protobuf parse \(String(format2: parse))x, serialize \(String(format2: serialize))x")
        }
    } catch {
        print("# \(path): \(error)")
    }
}

extension String {
    init(format2 value: Double) {
        self = String(Double(Int((value * 100).rounded())) / 100)
    }
}

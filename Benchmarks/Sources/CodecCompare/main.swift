import CodecBenchKit
import SwiftProtobufSubject

/// `codec-compare [--format binary|json] [--rounds N] DATASET_FILE...`: swiftgrpc and
/// swift-protobuf on each dataset and the message mix in one run, in binary and ProtoJSON (or
/// the one format asked for), alternating N rounds (3 by default) so that a noisy machine
/// slows both alike; each subject's median round is printed as a contract JSON line, then the
/// ratio of the two.
var arguments = Array(CommandLine.arguments.dropFirst())
var formats = CodecFormat.allCases
if let flag = arguments.firstIndex(of: "--format"), flag + 1 < arguments.count, let chosen = CodecFormat(rawValue: arguments[flag + 1]) {
    formats = [chosen]
    arguments.removeSubrange(flag...(flag + 1))
}
var rounds = 3
if let flag = arguments.firstIndex(of: "--rounds"), flag + 1 < arguments.count, let chosen = Int(arguments[flag + 1]), chosen > 0 {
    rounds = chosen
    arguments.removeSubrange(flag...(flag + 1))
}

/// The round with the median parse speed, and the median serialize speed.
func median(_ results: [CodecResult]) -> CodecResult {
    let byParse = results.sorted { $0.parseMegabytesPerSecond < $1.parseMegabytesPerSecond }
    let bySerialize = results.sorted { $0.serializeMegabytesPerSecond < $1.serializeMegabytesPerSecond }
    let parse = byParse[byParse.count / 2], serialize = bySerialize[bySerialize.count / 2]
    return CodecResult(impl: parse.impl, dataset: parse.dataset, format: parse.format,
                       parseNanosecondsPerOp: parse.parseNanosecondsPerOp, serializeNanosecondsPerOp: serialize.serializeNanosecondsPerOp,
                       parseMegabytesPerSecond: parse.parseMegabytesPerSecond, serializeMegabytesPerSecond: serialize.serializeMegabytesPerSecond)
}
let subjects: [CodecSubject] = [SwiftProtoSubject(), SwiftProtobufSubject()]
for format in formats {
    for path in arguments + ["message_mix"] {
        do {
            let dataset = try CodecHarness.dataset(named: path)
            var perSubject: [[CodecResult]] = Array(repeating: [], count: subjects.count)
            for _ in 0..<rounds {
                for (index, subject) in subjects.enumerated() {
                    if let result = try CodecHarness.run(subject, dataset: dataset, format: format) { perSubject[index].append(result) }
                }
            }
            let results = perSubject.filter { !$0.isEmpty }.map(median)
            for result in results { print(result.jsonLine) }
            if results.count == 2 {
                let parse = results[0].parseMegabytesPerSecond / results[1].parseMegabytesPerSecond
                let serialize = results[0].serializeMegabytesPerSecond / results[1].serializeMegabytesPerSecond
                print("# \(dataset.name) \(format.rawValue): swiftgrpc/swift-protobuf parse \(String(format2: parse))x, serialize \(String(format2: serialize))x")
            }
        } catch {
            print("# \(path) \(format.rawValue): \(error)")
        }
    }
}

extension String {
    init(format2 value: Double) {
        self = String(Double(Int((value * 100).rounded())) / 100)
    }
}

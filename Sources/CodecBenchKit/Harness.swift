import SwiftProto

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One implementation's parse and serialize of one dataset, as closures over payload indices
/// so that every implementation is timed by the same loop.
public struct PreparedCodec {
    public let payloadCount: Int
    /// Parses payload `i` into a new message; returns a byte count so the work is not optimised away.
    public let parse: (Int) throws -> Int
    /// Serializes the already-built message for payload `i`; returns the encoded size.
    public let serialize: (Int) throws -> Int

    public init(payloadCount: Int, parse: @escaping (Int) throws -> Int, serialize: @escaping (Int) throws -> Int) {
        self.payloadCount = payloadCount
        self.parse = parse
        self.serialize = serialize
    }
}

/// A codec under test: turns a dataset's payloads into a PreparedCodec, or nil for an unknown message.
public protocol CodecSubject {
    var impl: String { get }
    func prepare(messageName: String, payloads: [[UInt8]]) throws -> PreparedCodec?
}

public struct CodecResult {
    public let impl: String
    public let dataset: String
    public let parseNanosecondsPerOp: Double
    public let serializeNanosecondsPerOp: Double
    public let parseMegabytesPerSecond: Double
    public let serializeMegabytesPerSecond: Double

    /// The JSON line ../shared/bench/CONTRACT.md asks for.
    public var jsonLine: String {
        "{\"impl\":\"\(impl)\",\"dataset\":\"\(dataset)\",\"parse_mb_per_s\":\(rounded(parseMegabytesPerSecond)),"
            + "\"serialize_mb_per_s\":\(rounded(serializeMegabytesPerSecond)),\"parse_ns_per_op\":\(rounded(parseNanosecondsPerOp)),"
            + "\"serialize_ns_per_op\":\(rounded(serializeNanosecondsPerOp))}"
    }

    private func rounded(_ value: Double) -> String {
        String(Double(Int((value * 10).rounded())) / 10)
    }
}

public enum CodecHarness {
    /// Seconds each measurement runs for; BENCH_SECONDS overrides.
    public static var seconds: Double {
        getenv("BENCH_SECONDS").flatMap { Double(String(cString: $0)) } ?? 1.0
    }

    public static func loadDataset(path: String) throws -> Benchmarks_BenchmarkDataset {
        guard let file = fopen(path, "rb") else { throw HarnessError("cannot open \(path)") }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return try Benchmarks_BenchmarkDataset(serializedBytes: bytes)
    }

    public static func run(_ subject: CodecSubject, dataset: Benchmarks_BenchmarkDataset) throws -> CodecResult? {
        guard let codec = try subject.prepare(messageName: dataset.messageName, payloads: dataset.payload) else { return nil }
        let totalBytes = dataset.payload.reduce(0) { $0 + $1.count }
        let parse = try time(codec.payloadCount, totalBytes, codec.parse)
        let serialize = try time(codec.payloadCount, totalBytes, codec.serialize)
        return CodecResult(impl: subject.impl, dataset: dataset.name,
                           parseNanosecondsPerOp: parse.nanosecondsPerOp, serializeNanosecondsPerOp: serialize.nanosecondsPerOp,
                           parseMegabytesPerSecond: parse.megabytesPerSecond,
                           serializeMegabytesPerSecond: serialize.megabytesPerSecond)
    }

    /// Runs `operation` over every payload until `seconds` have passed (after a short warm-up).
    static func time(_ count: Int, _ bytesPerRound: Int, _ operation: (Int) throws -> Int)
        throws -> (nanosecondsPerOp: Double, megabytesPerSecond: Double)
    {
        let clock = ContinuousClock()
        var sink = 0
        let warmUpEnd = clock.now + .milliseconds(200)
        while clock.now < warmUpEnd {
            for index in 0..<count { sink &+= try operation(index) }
        }
        var rounds = 0
        let start = clock.now
        let deadline = start + .milliseconds(Int(seconds * 1000))
        repeat {
            for index in 0..<count { sink &+= try operation(index) }
            rounds += 1
        } while clock.now < deadline
        let elapsed = clock.now - start
        let nanoseconds = Double(elapsed.components.seconds) * 1e9 + Double(elapsed.components.attoseconds) / 1e9
        if sink == 42 { print("") }  // keeps `sink` alive
        return (nanoseconds / Double(rounds * count), Double(rounds * bytesPerRound) / (nanoseconds / 1e9) / 1_000_000)
    }
}

public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

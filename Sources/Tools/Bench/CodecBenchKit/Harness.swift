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

    /// Parse and serialize of one message type in one encoding: the messages to serialize are
    /// decoded once up front; parse returns a count that depends on the message, so it is not
    /// optimised away.
    public init<M>(payloads: [[UInt8]], decode: @escaping ([UInt8]) throws -> M, encode: @escaping (M) throws -> [UInt8],
                   unknownByteCount: @escaping (M) -> Int) throws {
        let messages = try payloads.map(decode)
        self.init(payloadCount: payloads.count,
                  parse: { index in unknownByteCount(try decode(payloads[index])) + 1 },
                  serialize: { index in try encode(messages[index]).count })
    }
}

/// The encoding measured: protobuf's binary format or ProtoJSON.
public enum CodecFormat: String, CaseIterable, Sendable {
    case binary, json
}

/// A codec under test: turns a dataset's payloads (in `format`) into a PreparedCodec, or nil
/// for an unknown message.
public protocol CodecSubject {
    var impl: String { get }
    func prepare(messageName: String, payloads: [[UInt8]], format: CodecFormat) throws -> PreparedCodec?
}

public struct CodecResult {
    public let impl: String
    public let dataset: String
    public let format: CodecFormat
    public let parseNanosecondsPerOp: Double
    public let serializeNanosecondsPerOp: Double
    public let parseMegabytesPerSecond: Double
    public let serializeMegabytesPerSecond: Double

    public init(impl: String, dataset: String, format: CodecFormat, parseNanosecondsPerOp: Double, serializeNanosecondsPerOp: Double,
                parseMegabytesPerSecond: Double, serializeMegabytesPerSecond: Double) {
        self.impl = impl
        self.dataset = dataset
        self.format = format
        self.parseNanosecondsPerOp = parseNanosecondsPerOp
        self.serializeNanosecondsPerOp = serializeNanosecondsPerOp
        self.parseMegabytesPerSecond = parseMegabytesPerSecond
        self.serializeMegabytesPerSecond = serializeMegabytesPerSecond
    }

    /// The JSON line ../shared/bench/CONTRACT.md asks for.
    public var jsonLine: String {
        "{\"impl\":\"\(impl)\",\"dataset\":\"\(dataset)\",\"format\":\"\(format.rawValue)\",\"parse_mb_per_s\":\(rounded(parseMegabytesPerSecond)),"
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

    /// A dataset file, or `message_mix` for the seeded mix.
    public static func dataset(named pathOrName: String) throws -> Benchmarks_BenchmarkDataset {
        pathOrName == "message_mix" ? try MessageMix.dataset() : try loadDataset(path: pathOrName)
    }

    /// The dataset's payloads in `format`: for JSON, each payload as our JSON (every subject
    /// then parses the same text).
    public static func payloads(of dataset: Benchmarks_BenchmarkDataset, in format: CodecFormat) throws -> [[UInt8]]? {
        switch format {
        case .binary: return dataset.payload
        case .json: return try SwiftProtoSubject.jsonPayloads(messageName: dataset.messageName, dataset.payload)
        }
    }

    public static func run(_ subject: CodecSubject, dataset: Benchmarks_BenchmarkDataset, format: CodecFormat = .binary) throws -> CodecResult? {
        guard let payloads = try payloads(of: dataset, in: format),
              let codec = try subject.prepare(messageName: dataset.messageName, payloads: payloads, format: format) else { return nil }
        let totalBytes = payloads.reduce(0) { $0 + $1.count }
        let parse = try time(codec.payloadCount, totalBytes, codec.parse)
        let serialize = try time(codec.payloadCount, totalBytes, codec.serialize)
        return CodecResult(impl: subject.impl, dataset: dataset.name, format: format,
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

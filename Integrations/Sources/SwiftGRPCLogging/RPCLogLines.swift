import Logging
import Synchronization
import SwiftGRPC

/// What both logging interceptors write: a `debug` line when a call starts and one line, at a
/// level chosen by its status, when it ends.
struct RPCLogLines: Sendable {
    /// Credentials: never logged by default.
    static let credentialKeys: Set<String> = ["authorization", "proxy-authorization", "cookie", "x-api-key"]

    let levels: RPCLogLevels
    let redactedKeys: Set<String>

    /// `redactedKeys` (lowercased), and `authorization` whatever they say.
    init(levels: RPCLogLevels, redactedKeys: Set<String>) {
        self.levels = levels
        self.redactedKeys = Set(redactedKeys.map { $0.lowercased() }).union(["authorization"])
    }

    /// "RPC started", with the request metadata's keys; with their values too when the logger
    /// logs `trace` (values of `redactedKeys` replaced, binary values by their size).
    func started(_ logger: Logger, method: MethodDescriptor, metadata: Metadata) {
        guard logger.logLevel <= .debug else { return }
        var fields: Logger.Metadata = [
            "grpc.call_kind": .string(method.kind.description),
            "grpc.request_metadata_keys": .array(uniqueKeys(of: metadata).map { .string($0) }),
        ]
        if logger.logLevel <= .trace {
            fields["grpc.request_metadata"] = .dictionary(loggedValues(of: metadata))
        }
        logger.debug("RPC started", metadata: fields)
    }

    /// "RPC finished: CODE" (and the status message, if any), with the code, the duration in
    /// milliseconds and the messages sent each way.
    func finished(_ logger: Logger, code: StatusCode, message: String, since start: ContinuousClock.Instant,
                  counts: MessageCounts) {
        let level = levels.level(for: code)
        guard logger.logLevel <= level else { return }
        var fields: Logger.Metadata = [
            "grpc.status_code": .string(code.description),
            "grpc.duration_ms": .string(milliseconds(ContinuousClock.now - start)),
            "grpc.requests": .string(String(counts.requests.load(ordering: .relaxed))),
            "grpc.responses": .string(String(counts.responses.load(ordering: .relaxed))),
        ]
        if !message.isEmpty { fields["grpc.status_message"] = .string(message) }
        let text = message.isEmpty ? "RPC finished: \(code)" : "RPC finished: \(code): \(message)"
        logger.log(level: level, "\(text)", metadata: fields)
    }

    private func uniqueKeys(of metadata: Metadata) -> [String] {
        var seen = Set<String>()
        return metadata.map { $0.key }.filter { seen.insert($0).inserted }
    }

    private func loggedValues(of metadata: Metadata) -> Logger.Metadata {
        var values: [String: [Logger.MetadataValue]] = [:]
        for (key, value) in metadata {
            let logged: String
            if redactedKeys.contains(key) {
                logged = "<redacted>"
            } else if case .binary(let bytes) = value {
                logged = "<\(bytes.count) bytes>"
            } else {
                logged = value.description
            }
            values[key, default: []].append(.string(logged))
        }
        return values.mapValues { $0.count == 1 ? $0[0] : .array($0) }
    }
}

/// `d` in milliseconds with three decimals (`12.345`), without Foundation's formatter.
func milliseconds(_ d: Duration) -> String {
    let (seconds, attoseconds) = d.components
    let microseconds = seconds * 1_000_000 + attoseconds / 1_000_000_000_000
    let whole = microseconds / 1000
    let fraction = String(abs(microseconds % 1000))
    return "\(whole).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
}


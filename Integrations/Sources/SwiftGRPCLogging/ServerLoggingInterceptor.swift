import Logging
import SwiftGRPC

/// Logs every call a server handles: a `debug` line when it starts (method, peer, call kind,
/// the request metadata's keys, and at `trace` their values less credentials) and one line when
/// it ends (status code and message, duration, messages each way) at a level chosen by the
/// status (``RPCLogLevels/server`` by default).
///
/// The handler runs with a task-local logger (`Logger.current`) that carries `grpc.method` and
/// `grpc.peer`, so what it logs says which call it belongs to.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.interceptors = [.apply(ServerLoggingInterceptor(logger: Logger(label: "grpc.server")), to: .all)]
/// ```
public struct ServerLoggingInterceptor: ServerInterceptor {
    /// The logger each call's lines go to, with the call's metadata added.
    public let logger: Logger
    private let lines: RPCLogLines

    /// Keys whose values are never logged unless told otherwise: `authorization`,
    /// `proxy-authorization`, `cookie`, `x-api-key`.
    public static var defaultRedactedKeys: Set<String> { RPCLogLines.credentialKeys }

    /// Logs to `logger`, the line ending a call at `levels`' level for its status, values of
    /// `redactedKeys` (and of `authorization`, always) replaced by `<redacted>`.
    public init(logger: Logger, levels: RPCLogLevels = .server, redactedKeys: Set<String> = defaultRedactedKeys) {
        self.logger = logger
        lines = RPCLogLines(levels: levels, redactedKeys: redactedKeys)
    }

    /// Logs the call's start, runs it with the call's logger as `Logger.current`, and logs how
    /// it ended.
    public func intercept(_ call: ServerInterceptorCall,
                          next: (ServerInterceptorCall) async throws -> Void) async throws {
        var logger = self.logger
        logger[metadataKey: "grpc.method"] = .string(call.method.path)
        logger[metadataKey: "grpc.peer"] = .string(call.context.peer)
        lines.started(logger, method: call.method, metadata: call.metadata)

        let counts = MessageCounts()
        var call = call
        call.onRequest { _ in counts.requests.add(1, ordering: .relaxed) }
        call.onResponse { _ in counts.responses.add(1, ordering: .relaxed) }
        let start = ContinuousClock.now
        do {
            try await withLogger(logger) { _ in try await next(call) }
        } catch {
            let failure = error as? RPCError ?? RPCError(code: .unknown, message: "\(error)")
            lines.finished(logger, code: failure.code, message: failure.message, since: start, counts: counts)
            throw error
        }
        lines.finished(logger, code: .ok, message: "", since: start, counts: counts)
    }
}

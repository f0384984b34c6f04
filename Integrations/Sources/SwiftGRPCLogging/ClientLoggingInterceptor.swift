import Logging
import SwiftGRPC

/// Logs every call a channel makes: a `debug` line when it starts (method, target, call kind,
/// the request metadata's keys, and at `trace` their values less credentials) and one line when
/// it ends (status code and message, duration, messages each way) at a level chosen by the
/// status (``RPCLogLevels/client`` by default: successful calls at `debug`).
///
/// Interceptors run in order, so list this one last to log the metadata the others add.
///
/// ```swift
/// var configuration = ChannelConfiguration()
/// configuration.interceptors = [.apply(ClientLoggingInterceptor(logger: Logger(label: "grpc.client")), to: .all)]
/// ```
public struct ClientLoggingInterceptor: ClientInterceptor {
    /// The logger each call's lines go to, with the call's metadata added.
    public let logger: Logger
    private let lines: RPCLogLines

    /// Keys whose values are never logged unless told otherwise: `authorization`,
    /// `proxy-authorization`, `cookie`, `x-api-key`.
    public static var defaultRedactedKeys: Set<String> { RPCLogLines.credentialKeys }

    /// Logs to `logger`, the line ending a call at `levels`' level for its status, values of
    /// `redactedKeys` (and of `authorization`, always) replaced by `<redacted>`.
    public init(logger: Logger, levels: RPCLogLevels = .client, redactedKeys: Set<String> = defaultRedactedKeys) {
        self.logger = logger
        lines = RPCLogLines(levels: levels, redactedKeys: redactedKeys)
    }

    /// Logs the call's start and arranges for its end to be logged.
    public func intercept(_ call: inout ClientInterceptorCall) async throws {
        var logger = self.logger
        logger[metadataKey: "grpc.method"] = .string(call.method.path)
        logger[metadataKey: "grpc.target"] = .string(call.target.description)
        lines.started(logger, method: call.method, metadata: call.metadata)

        let counts = MessageCounts()
        call.onRequest { _ in counts.requests.add(1, ordering: .relaxed) }
        call.onResponse { _ in counts.responses.add(1, ordering: .relaxed) }
        let start = ContinuousClock.now
        let lines = self.lines
        let callLogger = logger
        call.onFinish { status in
            lines.finished(callLogger, code: status.code, message: status.message, since: start, counts: counts)
        }
    }
}

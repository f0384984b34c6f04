import Logging
import SwiftGRPC

/// Logs the transport events of a server or channel (``ConnectionEvent``): what goes wrong
/// below the RPCs, which no call's status reports.
///
/// ```swift
/// var configuration = ServerConfiguration()
/// configuration.logConnectionEvents(to: Logger(label: "grpc.server"))
/// ```
///
/// Events arrive on an I/O thread, so the logger's handler should not block for long (swift-log's
/// stream handlers write one line under a lock, which is fine).
public struct ConnectionEventLogger: Sendable {
    /// Where the events go.
    public var logger: Logger

    /// Events logged to `logger`, each at ``level(for:)``.
    public init(logger: Logger) {
        self.logger = logger
    }

    /// Logs `event`: its description as the message, `grpc.event` (its kind, `too_many_pings`)
    /// and `grpc.peer` (the other side's address, when it concerns one connection) as metadata.
    public func log(_ event: ConnectionEvent) {
        var metadata: Logger.Metadata = ["grpc.event": .string(Self.name(of: event.kind))]
        if let peer = event.peer { metadata["grpc.peer"] = .string(peer) }
        if case .goawayReceived(let errorCode, _) = event.kind {
            metadata["grpc.goaway.error_code"] = .string(String(errorCode))
        }
        logger.log(level: Self.level(for: event.kind), "\(event.description)", metadata: metadata)
    }

    /// The level an event is logged at: `error` when the server cannot accept connections;
    /// `warning` for what costs calls or hints at a misconfigured peer (failed handshakes and
    /// connects, pings too often or unanswered, connections refused, a GOAWAY with an error, a
    /// resolver's service config rejected);
    /// `info` for the ordinary ends of connections (a GOAWAY with NO_ERROR, a closed connection).
    public static func level(for kind: ConnectionEvent.Kind) -> Logger.Level {
        switch kind {
        case .acceptPaused: return .error
        case .handshakeFailed, .connectFailed, .tooManyPings, .keepaliveTimeout, .connectionRefused, .serviceConfigRejected:
            return .warning
        case .goawayReceived(let errorCode, _): return errorCode == 0 ? .info : .warning
        case .connectionClosed: return .info
        }
    }

    /// The kind's name in snake case, as the `grpc.event` metadata value.
    static func name(of kind: ConnectionEvent.Kind) -> String {
        switch kind {
        case .handshakeFailed: return "handshake_failed"
        case .tooManyPings: return "too_many_pings"
        case .acceptPaused: return "accept_paused"
        case .connectionRefused: return "connection_refused"
        case .connectFailed: return "connect_failed"
        case .goawayReceived: return "goaway_received"
        case .keepaliveTimeout: return "keepalive_timeout"
        case .connectionClosed: return "connection_closed"
        case .serviceConfigRejected: return "service_config_rejected"
        }
    }
}

extension ServerConfiguration {
    /// Sends the server's ``ConnectionEvent``s to `logger` through a ``ConnectionEventLogger``,
    /// replacing any `connectionEvents` closure set before.
    public mutating func logConnectionEvents(to logger: Logger) {
        let eventLogger = ConnectionEventLogger(logger: logger)
        connectionEvents = { event in eventLogger.log(event) }
    }
}

extension ChannelConfiguration {
    /// Sends the channel's ``ConnectionEvent``s to `logger` through a ``ConnectionEventLogger``,
    /// replacing any `connectionEvents` closure set before.
    public mutating func logConnectionEvents(to logger: Logger) {
        let eventLogger = ConnectionEventLogger(logger: logger)
        connectionEvents = { event in eventLogger.log(event) }
    }
}

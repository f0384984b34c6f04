import SwiftProto
/// gRPC status codes, as doc/statuscodes.md numbers them.
public enum StatusCode: Int, Sendable, Hashable, CustomStringConvertible {
    /// Success.
    case ok = 0
    /// The call was cancelled, usually by the client: its task was cancelled, it called
    /// `cancel()`, or it dropped the call.
    case cancelled = 1
    /// An error with no better code; what a handler's non-``RPCError`` error becomes (its text is
    /// not sent).
    case unknown = 2
    /// The client sent something invalid, whatever the server's state (a malformed target
    /// here too).
    case invalidArgument = 3
    /// The deadline passed before the call ended; both sides enforce it.
    case deadlineExceeded = 4
    /// Something the request names does not exist.
    case notFound = 5
    /// Something the request would create already exists.
    case alreadyExists = 6
    /// The caller may not do this (for an unidentified caller, use ``unauthenticated``).
    case permissionDenied = 7
    /// A limit was hit: a message or header list over the configured size (a small message
    /// that inflates past it included), or a quota.
    case resourceExhausted = 8
    /// The system is not in a state to do this (here also: response compression the client
    /// does not accept, a write after the call finished).
    case failedPrecondition = 9
    /// The operation was aborted, typically by a concurrency conflict; retry at a higher level.
    case aborted = 10
    /// A value is past the valid range (reading past the end of a file).
    case outOfRange = 11
    /// The server does not implement the method or service (or a message encoding).
    case unimplemented = 12
    /// An invariant was broken: a message that does not decode, a protocol violation, invalid
    /// metadata. `INTERNAL` on the wire (`internal` is a Swift keyword).
    case internalError = 13
    /// The service cannot be reached now: no connection, a connection lost or closed, the
    /// server shutting down. Usually worth retrying with backoff.
    case unavailable = 14
    /// Unrecoverable data loss or corruption.
    case dataLoss = 15
    /// The caller did not prove who it is.
    case unauthenticated = 16

    /// The code's name as the gRPC spec writes it: `NOT_FOUND`, `INTERNAL`.
    public var description: String {
        switch self {
        case .ok: return "OK"
        case .cancelled: return "CANCELLED"
        case .unknown: return "UNKNOWN"
        case .invalidArgument: return "INVALID_ARGUMENT"
        case .deadlineExceeded: return "DEADLINE_EXCEEDED"
        case .notFound: return "NOT_FOUND"
        case .alreadyExists: return "ALREADY_EXISTS"
        case .permissionDenied: return "PERMISSION_DENIED"
        case .resourceExhausted: return "RESOURCE_EXHAUSTED"
        case .failedPrecondition: return "FAILED_PRECONDITION"
        case .aborted: return "ABORTED"
        case .outOfRange: return "OUT_OF_RANGE"
        case .unimplemented: return "UNIMPLEMENTED"
        case .internalError: return "INTERNAL"
        case .unavailable: return "UNAVAILABLE"
        case .dataLoss: return "DATA_LOSS"
        case .unauthenticated: return "UNAUTHENTICATED"
        }
    }

    /// The status a client reports for a `grpc-status` it receives; unknown numbers are UNKNOWN.
    init(wireValue: String) {
        self = Int(wireValue).flatMap(StatusCode.init(rawValue:)) ?? .unknown
    }
}

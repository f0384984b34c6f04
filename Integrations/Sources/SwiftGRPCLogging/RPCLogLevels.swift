import Logging
import SwiftGRPC

/// The level of the line that ends a call, by the call's status code.
///
/// ```swift
/// ServerLoggingInterceptor(logger: logger, levels: .server)          // the default
/// ServerLoggingInterceptor(logger: logger, levels: RPCLogLevels { $0 == .ok ? .debug : .error })
/// ```
public struct RPCLogLevels: Sendable {
    private let choose: @Sendable (StatusCode) -> Logger.Level

    /// Levels chosen by `choose`.
    public init(_ choose: @escaping @Sendable (StatusCode) -> Logger.Level) {
        self.choose = choose
    }

    /// The level for a call that ended with `code`.
    public func level(for code: StatusCode) -> Logger.Level {
        choose(code)
    }

    /// Every call at `level`.
    public static func always(_ level: Logger.Level) -> RPCLogLevels {
        RPCLogLevels { _ in level }
    }

    /// A server's view: every call at `info`; `warning` for what may need the operator's
    /// attention (deadlines missed, limits hit, permission refused, a state that forbids the
    /// call, unavailability); `error` for the server's own faults (UNKNOWN, which a handler's
    /// unexpected error becomes, INTERNAL, UNIMPLEMENTED, DATA_LOSS). The client's mistakes
    /// (INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, UNAUTHENTICATED) and cancellations stay at
    /// `info`.
    public static let server = RPCLogLevels { code in
        switch code {
        case .ok, .cancelled, .invalidArgument, .notFound, .alreadyExists, .unauthenticated:
            return .info
        case .deadlineExceeded, .permissionDenied, .resourceExhausted, .failedPrecondition, .aborted,
             .outOfRange, .unavailable:
            return .warning
        case .unknown, .unimplemented, .internalError, .dataLoss:
            return .error
        }
    }

    /// A client's view: successful calls and the answers an application expects to handle
    /// (NOT_FOUND, INVALID_ARGUMENT, …) at `debug`, as the server logs them too; `info` for
    /// failures worth a look (UNKNOWN, deadlines, permission, limits); `warning` when the
    /// server could not be used (UNAVAILABLE, UNIMPLEMENTED, INTERNAL, DATA_LOSS).
    public static let client = RPCLogLevels { code in
        switch code {
        case .ok, .cancelled, .invalidArgument, .notFound, .alreadyExists, .failedPrecondition, .aborted, .outOfRange:
            return .debug
        case .unknown, .deadlineExceeded, .permissionDenied, .unauthenticated, .resourceExhausted:
            return .info
        case .unimplemented, .internalError, .unavailable, .dataLoss:
            return .warning
        }
    }
}

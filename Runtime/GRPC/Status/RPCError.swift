import SwiftProto
/// A non-OK outcome of an RPC. Handlers throw it to choose the status the client sees; clients
/// catch it with the status, message and trailing metadata the server sent.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The status code; never ``StatusCode/ok``.
    public var code: StatusCode
    /// The status message (`grpc-message`); it reaches the client as it is, so say what went
    /// wrong without leaking internals.
    public var message: String
    /// Trailing metadata sent with the status.
    public var metadata: Metadata
    /// The rich status (google.rpc.Status in `grpc-status-details-bin`), when there is one.
    public var details: Google_Rpc_Status?

    /// An error with the given status; `metadata` and `details` travel in the trailers.
    ///
    /// ```swift
    /// throw RPCError(code: .notFound, message: "no user \(request.id)")
    /// ```
    public init(code: StatusCode, message: String = "", metadata: Metadata = Metadata(), details: Google_Rpc_Status? = nil) {
        self.code = code
        self.message = message
        self.metadata = metadata
        self.details = details
    }

    /// `NOT_FOUND: no user 7`, or the code alone without a message.
    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }
}

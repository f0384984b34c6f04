import SwiftProto
/// A non-OK outcome of an RPC. Handlers throw it to choose the status the client sees; clients
/// catch it with the status, message and trailing metadata the server sent.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    /// Trailing metadata sent with the status.
    public var metadata: Metadata
    /// The rich status (google.rpc.Status in `grpc-status-details-bin`), when there is one.
    public var details: Google_Rpc_Status?

    public init(code: StatusCode, message: String = "", metadata: Metadata = Metadata(), details: Google_Rpc_Status? = nil) {
        self.code = code
        self.message = message
        self.metadata = metadata
        self.details = details
    }

    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }
}

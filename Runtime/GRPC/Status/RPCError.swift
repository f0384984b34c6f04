import SwiftProto
/// A non-OK outcome of an RPC. Handlers throw it to choose the status the client sees; clients
/// catch it with the status, message and trailing metadata the server sent.
public struct RPCError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: StatusCode
    public var message: String
    /// Trailing metadata sent with the status.
    public var metadata: Metadata

    public init(code: StatusCode, message: String = "", metadata: Metadata = Metadata()) {
        self.code = code
        self.message = message
        self.metadata = metadata
    }

    public var description: String {
        message.isEmpty ? "\(code)" : "\(code): \(message)"
    }
}

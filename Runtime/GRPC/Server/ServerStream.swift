/// One RPC on a server connection. Loop-confined but for what RPCStream shares with the
/// handler's task.
final class ServerStream: RPCStream, @unchecked Sendable {
    var sentHeaders = false
    /// The status and trailers, once the handler is done, sent after the last queued message.
    var trailers: [(String, String)]?
    var task: Task<Void, Never>?
    /// The client has ended its side (END_STREAM seen).
    var peerEnded = false

    func header(_ name: String) -> String? {
        headers[name]
    }
}

/// Serving clients in the same process with no socket: each connection is a pair of HTTP/2
/// sessions joined by an in-process pipe (`InProcessStream`), so metadata, deadlines,
/// cancellation, statuses, flow control, limits, keepalive, GOAWAY and shutdown behave as over
/// TCP. The server's side of a connection runs on the event loop of the channel that made it,
/// where bytes cross between the two sessions with no wakeup, unless the server has I/O
/// threads of its own (`ServerConfiguration.threads`), which then serve it.
extension Server {
    /// A channel to this server that needs no ``start(_:tls:)`` and no socket: it connects
    /// through memory, lazily and again after a GOAWAY, like any channel, until the server
    /// shuts down (then its calls fail UNAVAILABLE). Its target is an `inprocess:` name the
    /// server holds from now on, so `Channel(target: channel.target)` reaches it as well.
    /// Throws INVALID_ARGUMENT when `configuration` asks for TLS, which has no meaning here.
    ///
    ///     let server = Server(services: [GreeterService()])
    ///     let greeter = Helloworld_Greeter.Client(channel: try server.inProcessChannel())
    public func inProcessChannel(configuration: ChannelConfiguration = ChannelConfiguration()) throws -> Channel {
        try Channel(target: .inProcess(name: InProcessRegistry.name(for: self)), configuration: configuration)
    }

    func startInProcess(as name: String, tls: ServerTLS?) throws {
        guard tls == nil else {
            throw RPCError(code: .invalidArgument, message: "inprocess:\(name) cannot use TLS: no bytes leave the process")
        }
        try InProcessRegistry.register(self, as: name)
    }
}

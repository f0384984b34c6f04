import SwiftGRPC

/// A server on 127.0.0.1 at a port the system chose, for tests.
public struct LoopbackServer: Sendable {
    /// The server.
    public let server: Server
    /// The port it listens on.
    public let port: Int

    /// Where clients reach it.
    public var target: SocketTarget { .tcp(host: "127.0.0.1", port: port) }

    /// Starts `services` with `configuration` on 127.0.0.1, port 0.
    public static func start(_ services: [any RegistrableService] = [ProbeService()],
                             configuration: ServerConfiguration = ServerConfiguration()) async throws -> LoopbackServer {
        let server = Server(services: services, configuration: configuration)
        let port = try await server.start(.tcp(host: "127.0.0.1", port: 0))
        return LoopbackServer(server: server, port: port)
    }

    /// A new channel to the server.
    public func channel(_ configuration: ChannelConfiguration = ChannelConfiguration()) throws -> Channel {
        try Channel(target: target, configuration: configuration)
    }

    /// Stops the server, giving calls in flight a second.
    public func stop() async {
        await server.shutdown(grace: .seconds(1))
    }
}

/// Options for test calls: a deadline, so that no test waits for ever on a call.
public let probeCallOptions = CallOptions(timeout: .seconds(10))

/// Starts a server of `service` (configured by `server`), runs `body` with a Probe client on a
/// channel to it (configured by `channel`), then closes the channel and stops the server,
/// whether `body` threw or not.
@discardableResult
public func withProbe<Result>(
    _ service: ProbeService = ProbeService(),
    server: ServerConfiguration = ServerConfiguration(),
    channel: ChannelConfiguration = ChannelConfiguration(),
    _ body: (Integrations_Test_Probe.Client, LoopbackServer) async throws -> Result
) async throws -> Result {
    let loopback = try await LoopbackServer.start([service], configuration: server)
    let connection: Channel
    do {
        connection = try loopback.channel(channel)
    } catch {
        await loopback.stop()
        throw error
    }
    do {
        let result = try await body(Integrations_Test_Probe.Client(channel: connection), loopback)
        connection.close()
        await loopback.stop()
        return result
    } catch {
        connection.close()
        await loopback.stop()
        throw error
    }
}

import SwiftGRPC
import TestMessages
import TestServices

#if canImport(Glibc)
import Glibc
#endif

/// An Echo server on loopback (or a Unix socket) for one test, stopped when the test ends.
struct TestServer {
    let server: Server
    let target: SocketTarget

    static func start(unix: Bool = false, tls: ServerTLS? = nil, configuration: ServerConfiguration = ServerConfiguration(),
                      services: [any RegistrableService] = [EchoService()]) async throws -> TestServer {
        let server = Server(services: services, configuration: configuration)
        if unix {
            let path = "/tmp/swiftgrpc-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock"
            try await server.start(.unix(path: path), tls: tls)
            return TestServer(server: server, target: .unix(path: path))
        }
        let port = try await server.start(.tcp(host: "127.0.0.1", port: 0), tls: tls)
        return TestServer(server: server, target: .tcp(host: "127.0.0.1", port: port))
    }

    func client(_ configuration: ChannelConfiguration = ChannelConfiguration()) throws -> (Swiftgrpc_Test_Echo.Client, Channel) {
        let channel = try Channel(target: target, configuration: configuration)
        return (Swiftgrpc_Test_Echo.Client(channel: channel), channel)
    }

    func stop() async {
        await server.shutdown(grace: .milliseconds(200))
    }
}

/// Runs `body` against a fresh server and channel, cleaning both up.
func withEcho(unix: Bool = false, tls: ServerTLS? = nil, configuration: ServerConfiguration = ServerConfiguration(),
              channel channelConfiguration: ChannelConfiguration = ChannelConfiguration(),
              _ body: (Swiftgrpc_Test_Echo.Client, Channel, TestServer) async throws -> Void) async throws {
    let server = try await TestServer.start(unix: unix, tls: tls, configuration: configuration)
    let (client, channel) = try server.client(channelConfiguration)
    do {
        try await body(client, channel, server)
    } catch {
        channel.close()
        await server.stop()
        throw error
    }
    channel.close()
    await server.stop()
}

func request(_ text: String, count: Int32 = 0, delayMs: Int32 = 0, payload: [UInt8] = []) -> Swiftgrpc_Test_EchoRequest {
    .with {
        $0.text = text
        $0.count = count
        $0.delayMs = delayMs
        $0.payload = payload
    }
}

/// The error a call threw, as an RPCError.
func rpcError(_ body: () async throws -> Void) async -> RPCError? {
    do {
        try await body()
        return nil
    } catch let error as RPCError {
        return error
    } catch {
        return RPCError(code: .unknown, message: "not an RPCError: \(error)")
    }
}

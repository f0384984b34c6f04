import SwiftGRPC
import TestMessages
import TestServices

#if canImport(Glibc)
import Glibc
#endif

/// What an end-to-end test runs over: loopback TCP, a Unix socket, or no socket at all (the
/// in-process transport, where the same HTTP/2 sessions talk through memory).
enum Transport: String, CaseIterable, Sendable, CustomStringConvertible {
    case tcp
    case unix
    case inProcess

    /// The transports every end-to-end test runs over; Unix sockets have tests of their own.
    static let tcpAndInProcess: [Transport] = [.tcp, .inProcess]

    var description: String { rawValue }
}

/// An Echo server on loopback (or a Unix socket, or in this process) for one test, stopped when
/// the test ends.
struct TestServer {
    let server: Server
    let target: SocketTarget

    /// `unix: true` is `transport: .unix`, for the tests that predate `transport`.
    static func start(unix: Bool = false, tls: ServerTLS? = nil, configuration: ServerConfiguration = ServerConfiguration(),
                      services: [any RegistrableService] = [EchoService()], transport: Transport = .tcp) async throws -> TestServer {
        let server = Server(services: services, configuration: configuration)
        let target: SocketTarget
        switch unix ? .unix : transport {
        case .tcp:
            let port = try await server.start(.tcp(host: "127.0.0.1", port: 0), tls: tls)
            target = .tcp(host: "127.0.0.1", port: port)
        case .unix:
            target = .unix(path: "/tmp/swiftgrpc-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sock")
            try await server.start(target, tls: tls)
        case .inProcess:
            target = .inProcess(name: "test-\(UInt32.random(in: 0...UInt32.max))")
            try await server.start(target, tls: tls)
        }
        return TestServer(server: server, target: target)
    }

    func client(_ configuration: ChannelConfiguration = ChannelConfiguration(),
                serviceConfig: String? = nil) throws -> (Swiftgrpc_Test_Echo.Client, Channel) {
        let channel = try Channel(target: target, serviceConfig: serviceConfig, configuration: configuration)
        return (Swiftgrpc_Test_Echo.Client(channel: channel), channel)
    }

    func stop() async {
        await server.shutdown(grace: .milliseconds(200))
    }
}

/// Runs `body` against a fresh server and channel, cleaning both up.
func withEcho(unix: Bool = false, tls: ServerTLS? = nil, configuration: ServerConfiguration = ServerConfiguration(),
              channel channelConfiguration: ChannelConfiguration = ChannelConfiguration(), serviceConfig: String? = nil,
              transport: Transport = .tcp, services: [any RegistrableService] = [EchoService()],
              _ body: (Swiftgrpc_Test_Echo.Client, Channel, TestServer) async throws -> Void) async throws {
    let server = try await TestServer.start(unix: unix, tls: tls, configuration: configuration, services: services, transport: transport)
    let (client, channel) = try server.client(channelConfiguration, serviceConfig: serviceConfig)
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

/// A plain blocking IPv4 TCP socket, for tests that work below the library: a port held, a
/// connect that must be refused, a listener that never accepts.
struct RawSocket {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)

    /// 0, or the errno of the call.
    private func call(_ host: String, _ port: Int, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Int32) -> Int32 {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        inet_pton(AF_INET, host, &address.sin_addr)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        return result == 0 ? 0 : errno
    }

    func bind(_ host: String, port: Int = 0) -> Int32 {
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        return call(host, port) { Glibc.bind(fd, $0, $1) }
    }

    func connect(_ host: String, port: Int) -> Int32 {
        call(host, port) { Glibc.connect(fd, $0, $1) }
    }

    /// The port it is bound to.
    var port: Int {
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(fd) }
}

/// A port on `host` where nothing listens, held (bound, not listening) so that no server takes
/// it: connecting is refused at once, every time.
final class DeadPort: Sendable {
    let fd: Int32
    let port: Int
    let host: String

    init(host: String) throws {
        self.host = host
        let socket = RawSocket()
        fd = socket.fd
        guard socket.bind(host) == 0 else {
            socket.close()
            throw RPCError(code: .internalError, message: "cannot bind \(host):0")
        }
        port = socket.port
    }

    var address: SocketTarget { .tcp(host: host, port: port) }

    /// Lets a server take the port.
    func release() { close(fd) }
}

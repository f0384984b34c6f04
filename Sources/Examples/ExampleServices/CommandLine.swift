import SwiftGRPC

#if canImport(Glibc)
import Glibc
#endif

/// The examples' small shared command line: `--flag value` pairs.
public struct ExampleArguments {
    private var values: [String: String] = [:]

    public init(_ arguments: [String] = Array(CommandLine.arguments.dropFirst()), usage: String) {
        var index = 0
        while index < arguments.count {
            let flag = arguments[index]
            guard flag.hasPrefix("--"), index + 1 < arguments.count else {
                ExampleArguments.fail("unexpected argument '\(flag)'\nusage: \(usage)")
            }
            values[String(flag.dropFirst(2))] = arguments[index + 1]
            index += 2
        }
    }

    public func string(_ name: String, default value: String) -> String { values[name] ?? value }

    public func optional(_ name: String) -> String? { values[name] }

    public func bool(_ name: String, default value: Bool) -> Bool {
        guard let text = values[name] else { return value }
        switch text {
        case "true", "1": return true
        case "false", "0": return false
        default: ExampleArguments.fail("--\(name) takes true or false, not '\(text)'")
        }
    }

    /// A `..._ms` flag as a duration; nil when absent.
    public func milliseconds(_ name: String) -> Duration? {
        guard values[name] != nil else { return nil }
        return .milliseconds(int(name, default: 0))
    }

    public func int(_ name: String, default value: Int) -> Int {
        guard let text = values[name] else { return value }
        guard let number = Int(text) else { ExampleArguments.fail("--\(name) takes a number, not '\(text)'") }
        return number
    }

    public static func fail(_ message: String) -> Never {
        let line = Array((message + "\n").utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        exit(2)
    }

    /// Prints a line and flushes, so a parent process reading our stdout sees it at once.
    public static func say(_ line: String) {
        print(line)
        fflush(nil)
    }
}

/// Runs a server until SIGTERM or SIGINT, then shuts it down gracefully.
public enum ExampleServer {
    /// The flags every example server takes besides `TransportFlags.serverUsage`.
    public static let usage = "[--health true|false] [--reflection true|false] [--shutdown_grace_ms N]"

    /// `--host` and `--port`, the TLS and keepalive flags of `TransportFlags`, `--health` and
    /// `--reflection` (both on unless `false`: grpc.health.v1 with every service SERVING, and
    /// server reflection v1 and v1alpha), and `--shutdown_grace_ms` (2000).
    public static func run(_ services: [any RegistrableService], arguments: ExampleArguments, defaultPort: Int,
                           configuration: ServerConfiguration = ServerConfiguration()) async {
        var configuration = TransportFlags.serverConfiguration(arguments, base: configuration)
        // What no call's status can report goes to stderr, as a server log would have it.
        configuration.connectionEvents = { event in
            let line = Array("\(event)\n".utf8)
            _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
        }
        var hosted = services
        let health: HealthService? = arguments.bool("health", default: true) ? HealthService() : nil
        if let health { hosted.append(health) }
        if arguments.bool("reflection", default: true) { hosted.append(ReflectionService()) }
        await run(hosted, host: arguments.string("host", default: "127.0.0.1"),
                  port: arguments.int("port", default: defaultPort), tls: TransportFlags.serverTLS(arguments),
                  configuration: configuration, health: health,
                  grace: .milliseconds(arguments.int("shutdown_grace_ms", default: 2000)))
    }

    /// Serves `services` on `host:port`; with `health`, one of them, every hosted service is
    /// reported SERVING. On SIGTERM or SIGINT the server shuts down within `grace`.
    public static func run(_ services: [any RegistrableService], host: String, port: Int, tls: ServerTLS? = nil,
                           configuration: ServerConfiguration = ServerConfiguration(), health: HealthService? = nil,
                           grace: Duration = .seconds(2)) async {
        let server = Server(services: services, configuration: configuration)
        for name in server.hostedServices.names { health?.setStatus(.serving, forService: name) }
        do {
            let bound = try await server.start(.tcp(host: host, port: port), tls: tls)
            ExampleArguments.say("READY \(bound)")
        } catch {
            ExampleArguments.fail("cannot listen on \(host):\(port): \(error)")
        }
        await waitForTermination()
        await server.shutdown(grace: grace)
    }

    /// Polls for SIGTERM/SIGINT (blocked and checked with sigtimedwait-free polling via a flag).
    static func waitForTermination() async {
        signal(SIGTERM, { _ in terminationRequested = 1 })
        signal(SIGINT, { _ in terminationRequested = 1 })
        while terminationRequested == 0 {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}

nonisolated(unsafe) private var terminationRequested: sig_atomic_t = 0

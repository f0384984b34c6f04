import SwiftGRPC

#if canImport(Glibc)
import Glibc
#endif

/// The TLS and keepalive flags the example, interop and bench tools share, spelled as grpc's
/// interop descriptions and channel arguments spell them.
///
/// Servers: `--use_tls true --tls_cert_file F --tls_key_file F [--tls_client_ca_file F
/// [--require_client_cert true]]`, `--keepalive_time_ms N --keepalive_timeout_ms N
/// --permit_keepalive_time_ms N --permit_keepalive_without_calls true --max_connection_idle_ms N
/// --max_connection_age_ms N --max_connection_age_grace_ms N --max_connections N`.
///
/// Clients: `--use_tls true [--use_test_ca true | --tls_ca_file F] [--server_host_override H]
/// [--tls_client_cert_file F --tls_client_key_file F]`, `--keepalive_time_ms N
/// --keepalive_timeout_ms N --keepalive_permit_without_calls true`.
public enum TransportFlags {
    public static let serverUsage = "[--use_tls true --tls_cert_file F --tls_key_file F [--tls_client_ca_file F --require_client_cert true]] "
        + "[--keepalive_time_ms N] [--keepalive_timeout_ms N] [--permit_keepalive_time_ms N] [--max_connection_idle_ms N] "
        + "[--max_connection_age_ms N] [--max_connection_age_grace_ms N] [--max_connections N]"
    public static let clientUsage = "[--use_tls true [--use_test_ca true | --tls_ca_file F] [--server_host_override H] "
        + "[--tls_client_cert_file F --tls_client_key_file F]] [--keepalive_time_ms N] [--keepalive_timeout_ms N]"

    /// The server's TLS, when `--use_tls` is true or a certificate is given. Without files, the
    /// interop servers use grpc's test credentials (server1.pem) as the descriptions ask.
    public static func serverTLS(_ arguments: ExampleArguments) -> ServerTLS? {
        let certificate = arguments.optional("tls_cert_file")
        guard arguments.bool("use_tls", default: certificate != nil) else { return nil }
        let key = arguments.optional("tls_key_file")
        let chain = certificate ?? InteropCredentials.file("server1.pem")
        let privateKey = key ?? InteropCredentials.file("server1.key")
        var clients = ClientCertificatePolicy.none
        if let ca = arguments.optional("tls_client_ca_file") {
            clients = arguments.bool("require_client_cert", default: false) ? .required(trustRoots: .file(ca)) : .optional(trustRoots: .file(ca))
        } else if arguments.bool("require_client_cert", default: false) {
            ExampleArguments.fail("--require_client_cert true needs --tls_client_ca_file")
        }
        return ServerTLS(certificateChain: .file(chain), privateKey: .file(privateKey), clientCertificates: clients)
    }

    /// `base` with the keepalive and connection-management flags applied.
    public static func serverConfiguration(_ arguments: ExampleArguments, base: ServerConfiguration = ServerConfiguration())
        -> ServerConfiguration
    {
        var configuration = base
        if let time = arguments.milliseconds("keepalive_time_ms") {
            configuration.keepalive = Keepalive(time: time, timeout: arguments.milliseconds("keepalive_timeout_ms") ?? .seconds(20),
                                                permitWithoutCalls: true)
        } else if let timeout = arguments.milliseconds("keepalive_timeout_ms") {
            configuration.keepalive?.timeout = timeout
        }
        if let interval = arguments.milliseconds("permit_keepalive_time_ms") { configuration.keepalivePolicy.minimumPingInterval = interval }
        configuration.keepalivePolicy.permitWithoutCalls = arguments.bool("permit_keepalive_without_calls",
                                                                          default: configuration.keepalivePolicy.permitWithoutCalls)
        configuration.maxConnectionIdle = arguments.milliseconds("max_connection_idle_ms") ?? configuration.maxConnectionIdle
        configuration.maxConnectionAge = arguments.milliseconds("max_connection_age_ms") ?? configuration.maxConnectionAge
        configuration.maxConnectionAgeGrace = arguments.milliseconds("max_connection_age_grace_ms") ?? configuration.maxConnectionAgeGrace
        if arguments.optional("max_connections") != nil { configuration.maxConnections = arguments.int("max_connections", default: 0) }
        return configuration
    }

    /// A channel's TLS and keepalive from the client flags.
    public static func channelConfiguration(_ arguments: ExampleArguments) -> ChannelConfiguration {
        var configuration = ChannelConfiguration()
        let caFile = arguments.optional("tls_ca_file")
        if arguments.bool("use_tls", default: caFile != nil) {
            var tls = ClientTLS()
            if let caFile {
                tls.trustRoots = .certificates(.file(caFile))
            } else if arguments.bool("use_test_ca", default: false) {
                tls.trustRoots = .certificates(.file(InteropCredentials.file("ca.pem")))
            }
            tls.serverHostnameOverride = arguments.optional("server_host_override")
            switch (arguments.optional("tls_client_cert_file"), arguments.optional("tls_client_key_file")) {
            case (let certificate?, let key?):
                tls.certificateChain = .file(certificate)
                tls.privateKey = .file(key)
            case (nil, nil): break
            default: ExampleArguments.fail("--tls_client_cert_file and --tls_client_key_file go together")
            }
            configuration.tls = tls
        }
        if let time = arguments.milliseconds("keepalive_time_ms") {
            configuration.keepalive = Keepalive(time: time, timeout: arguments.milliseconds("keepalive_timeout_ms") ?? .seconds(20),
                                                permitWithoutCalls: arguments.bool("keepalive_permit_without_calls", default: false))
        }
        return configuration
    }
}

/// grpc's standard interop test credentials, in ../shared/interop-certs (or `$SHARED/interop-certs`).
public enum InteropCredentials {
    public static func file(_ name: String) -> String {
        for directory in candidates() {
            let path = "\(directory)/\(name)"
            if access(path, R_OK) == 0 { return path }
        }
        ExampleArguments.fail("grpc's interop test credentials (\(name)) are not in ../shared/interop-certs; "
            + "give the file with its --tls_* flag")
    }

    /// `$SHARED`, then ../shared beside the repository holding this executable, then ../shared
    /// from the working directory.
    private static func candidates() -> [String] {
        var directories: [String] = []
        if let shared = getenv("SHARED") { directories.append(String(cString: shared) + "/interop-certs") }
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            // REPO/.build/.../<tool>
            let path = String(decoding: buffer[..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            let components = path.split(separator: "/")
            if let build = components.firstIndex(of: ".build") {
                directories.append("/" + components[..<build].joined(separator: "/") + "/../shared/interop-certs")
            }
        }
        directories.append("../shared/interop-certs")
        return directories
    }
}

import Synchronization
import SwiftGRPC
import TestMessages
import TestServices
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite(.timeLimit(.minutes(1)))
struct TLSTests {
    let pki = TestPKI()

    func trusting(_ pki: TestPKI, override: String? = nil, identity: TestPKI.Identity? = nil) -> ChannelConfiguration {
        ChannelConfiguration(tls: ClientTLS(trustRoots: .certificates(pki.roots), serverHostnameOverride: override,
                                            certificateChain: identity?.chain, privateKey: identity?.privateKey))
    }

    @Test func everyCallKindOverTLS() async throws {
        try await withEcho(tls: pki.serverTLS(), channel: trusting(pki)) { client, _, _ in
            #expect(try await client.get(request("secure")).text == "secure")
            #expect(try await client.get(request("peer")).text.hasPrefix("TLSv1.3 h2 client=none"))
            var expanded: [String] = []
            for try await reply in try await client.expand(request("e", count: 3)) { expanded.append(reply.text) }
            #expect(expanded == ["e 0", "e 1", "e 2"])
            let collected = try await client.collect { writer in
                for text in ["a", "b"] { try await writer.write(request(text)) }
            }
            #expect(collected.text == "a b")
            let big = [UInt8](repeating: 7, count: 3 << 20)
            #expect(try await client.get(request("big", payload: big)).payload == big)
        }
    }

    @Test func theServerNameIsVerifiedAgainstTheCertificate() async throws {
        // A certificate for another name and no IP address: 127.0.0.1 does not match it.
        let other = pki.issue("api.example.test", altNames: "DNS:api.example.test")
        try await withEcho(tls: pki.serverTLS(other), channel: trusting(pki)) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("IP address mismatch") == true, "\(String(describing: error))")
        }
        // The override names the certificate's host: then it verifies.
        try await withEcho(tls: pki.serverTLS(other), channel: trusting(pki, override: "api.example.test")) { client, _, _ in
            let reply = try await client.get(request("named"))
            #expect(reply.text == "named")
        }
        try await withEcho(tls: pki.serverTLS(other), channel: trusting(pki, override: "wrong.example.test")) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("hostname mismatch") == true, "\(String(describing: error))")
        }
    }

    @Test func anExpiredOrUntrustedCertificateIsRefused() async throws {
        let expired = pki.issue("localhost", validFrom: -7200, validUntil: -3600)
        try await withEcho(tls: pki.serverTLS(expired), channel: trusting(pki)) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("certificate has expired") == true, "\(String(describing: error))")
        }
        let stranger = TestPKI(caName: "someone else")
        try await withEcho(tls: pki.serverTLS(), channel: trusting(stranger)) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("certificate verify failed") == true, "\(String(describing: error))")
        }
        // By default the system's roots apply, which do not include a test CA.
        try await withEcho(tls: pki.serverTLS(), channel: ChannelConfiguration(tls: ClientTLS())) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("certificate verify failed") == true, "\(String(describing: error))")
        }
    }

    @Test func mutualTLSRequiresAndReportsTheClientCertificate() async throws {
        let clientIdentity = pki.issue("billing-service", altNames: "DNS:billing.internal,IP:10.1.2.3")
        let tls = pki.serverTLS(clients: .required(trustRoots: pki.roots))
        try await withEcho(tls: tls, channel: trusting(pki, identity: clientIdentity)) { client, _, _ in
            let seen = try await client.get(request("peer")).text
            #expect(seen == "TLSv1.3 h2 client=billing-service dns=billing.internal ip=10.1.2.3")
        }
        try await withEcho(tls: tls, channel: trusting(pki)) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
            #expect(error?.message.contains("certificate required") == true, "\(String(describing: error))")
        }
        // A certificate from an authority the server does not trust is refused too.
        let stranger = TestPKI(caName: "someone else").issue("intruder")
        try await withEcho(tls: tls, channel: trusting(pki, identity: stranger)) { client, _, _ in
            let error = await rpcError { _ = try await client.get(request("x")) }
            #expect(error?.code == .unavailable)
        }
    }

    @Test func anOptionalClientCertificateMayBeLeftOut() async throws {
        let tls = pki.serverTLS(clients: .optional(trustRoots: pki.roots))
        try await withEcho(tls: tls, channel: trusting(pki)) { client, _, _ in
            let seen = try await client.get(request("peer")).text
            #expect(seen == "TLSv1.3 h2 client=none")
        }
        try await withEcho(tls: tls, channel: trusting(pki, identity: pki.issue("reporting"))) { client, _, _ in
            let seen = try await client.get(request("peer")).text
            #expect(seen.hasPrefix("TLSv1.3 h2 client=reporting"))
        }
    }

    @Test func plaintextAndTLSPortsOnOneServerAndTheWrongSideOfEach() async throws {
        let events = Mutex<[String]>([])
        var configuration = ServerConfiguration()
        configuration.connectionEvents = { event in events.withLock { $0.append(event.description) } }
        let server = Server(services: [EchoService()], configuration: configuration)
        let tlsPort = try await server.start(.tcp(host: "127.0.0.1", port: 0), tls: pki.serverTLS())
        let plainPort = try await server.start(.tcp(host: "127.0.0.1", port: 0))
        let secure = Swiftgrpc_Test_Echo.Client(channel: try Channel(target: .tcp(host: "127.0.0.1", port: tlsPort), configuration: trusting(pki)))
        let plain = Swiftgrpc_Test_Echo.Client(channel: try Channel(target: .tcp(host: "127.0.0.1", port: plainPort)))
        #expect(try await secure.get(request("peer")).text.hasPrefix("TLSv1.3"))
        #expect(try await plain.get(request("peer")).text == "plaintext")

        // Plaintext to the TLS port, TLS to the plaintext one: each fails and names the cause.
        let plainToTLS = Swiftgrpc_Test_Echo.Client(channel: try Channel(target: .tcp(host: "127.0.0.1", port: tlsPort)))
        let error = await rpcError { _ = try await plainToTLS.get(request("x"), options: CallOptions(timeout: .seconds(5))) }
        #expect(error?.code == .unavailable)
        #expect(error?.message.contains("requires TLS") == true, "\(String(describing: error))")
        let tlsToPlain = Swiftgrpc_Test_Echo.Client(channel: try Channel(target: .tcp(host: "127.0.0.1", port: plainPort), configuration: trusting(pki)))
        let other = await rpcError { _ = try await tlsToPlain.get(request("x"), options: CallOptions(timeout: .seconds(5))) }
        #expect(other?.code == .unavailable)
        #expect(other?.message.contains("plaintext") == true, "\(String(describing: other))")

        // Garbage where a ClientHello belongs: that connection ends, the server serves on.
        let garbage = try rawConnect(port: tlsPort)
        _ = Array("GET / HTTP/1.1\r\nHost: x\r\n\r\n".utf8).withUnsafeBytes { send(garbage, $0.baseAddress, $0.count, 0) }
        #expect(readsToEnd(garbage), "the server should close a connection that does not speak TLS")
        close(garbage)
        #expect(try await secure.get(request("still")).text == "still")
        #expect(events.withLock { $0 }.contains { $0.contains("handshake failed") })
        await server.shutdown(grace: .milliseconds(100))
    }

    @Test func aStalledHandshakeTimesOut() async throws {
        var tls = pki.serverTLS()
        tls.handshakeTimeout = .milliseconds(200)
        let server = try await TestServer.start(tls: tls)
        guard case .tcp(_, let port) = server.target else { return }
        let silent = try rawConnect(port: port)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(readsToEnd(silent))
        #expect(clock.now - started < .seconds(5))
        close(silent)
        await server.stop()
    }

    @Test func reloadedCertificatesServeNewConnections() async throws {
        let renewed = TestPKI(caName: "renewed CA")
        let server = try await TestServer.start(tls: pki.serverTLS())
        let before = try server.client(trusting(renewed))
        #expect(await rpcError { _ = try await before.0.get(request("x")) }?.code == .unavailable)
        try server.server.reloadTLS(renewed.serverTLS())
        let after = try server.client(trusting(renewed))
        #expect(try await after.0.get(request("renewed")).text == "renewed")
        // A configuration that cannot be used leaves the current one in force.
        #expect(throws: TLSConfigurationError.self) {
            try server.server.reloadTLS(ServerTLS(certificateChain: .file("/nonexistent/cert.pem"), privateKey: .file("/nonexistent/key.pem")))
        }
        #expect(try await server.client(trusting(renewed)).0.get(request("again")).text == "again")
        await server.stop()
    }

    @Test func reloadingRereadsTheConfiguredFiles() async throws {
        let directory = "/tmp/swiftgrpc-reload-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        mkdir(directory, 0o700)
        defer {
            for name in ["cert.pem", "key.pem"] { unlink("\(directory)/\(name)") }
            rmdir(directory)
        }
        func install(_ identity: TestPKI.Identity) {
            writeFile("\(directory)/cert.pem", identity.certificatePEM)
            writeFile("\(directory)/key.pem", identity.keyPEM)
        }
        install(pki.issue("localhost"))
        let server = try await TestServer.start(tls: ServerTLS(certificateChain: .file("\(directory)/cert.pem"),
                                                               privateKey: .file("\(directory)/key.pem")))
        #expect(try await server.client(trusting(pki)).0.get(request("first")).text == "first")
        // The certificate is renewed in place by another CA (as a rotation would), then reloaded.
        let renewed = TestPKI(caName: "rotated CA")
        install(renewed.issue("localhost"))
        try server.server.reloadTLS()
        #expect(try await server.client(trusting(renewed)).0.get(request("rotated")).text == "rotated")
        await server.stop()
    }

    @Test func unusableConfigurationsAreClearErrors() async throws {
        #expect {
            _ = try Channel(target: "127.0.0.1:1", configuration: ChannelConfiguration(tls: ClientTLS(trustRoots: .certificates(.file("/nonexistent/ca.pem")))))
        } throws: { "\($0)".contains("/nonexistent/ca.pem") }
        #expect {
            _ = try Channel(target: "127.0.0.1:1", configuration: ChannelConfiguration(tls: ClientTLS(trustRoots: .certificates(.bytes(Array("junk".utf8))))))
        } throws: { "\($0)".contains("no usable certificate") }
        let server = Server(services: [EchoService()])
        let mismatched = ServerTLS(certificateChain: pki.issue("a").chain, privateKey: pki.issue("b").privateKey)
        await #expect { try await server.start(.tcp(host: "127.0.0.1", port: 0), tls: mismatched) } throws: {
            "\($0)".contains("does not match")
        }
        await server.shutdown(grace: .zero)
    }
}

func writeFile(_ path: String, _ bytes: [UInt8]) {
    let fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0o600)
    _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    close(fd)
}

/// A blocking TCP connection to loopback, for tests that speak raw bytes.
func rawConnect(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(port).bigEndian
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard result == 0 else { throw RPCError(code: .unavailable, message: "connect failed: \(errno)") }
    var timeout = timeval(tv_sec: 10, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    return fd
}

/// Reads until the peer closes (true) or ten seconds pass without a byte (false).
func readsToEnd(_ fd: Int32) -> Bool {
    var buffer = [UInt8](repeating: 0, count: 4096)
    for _ in 0..<10_000 {
        let count = recv(fd, &buffer, buffer.count, 0)
        if count == 0 { return true }
        if count < 0 { return errno == ECONNRESET }
    }
    return false
}

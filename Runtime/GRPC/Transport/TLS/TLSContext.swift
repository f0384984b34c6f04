import COpenSSL
import Synchronization

/// An OpenSSL SSL_CTX made from a client or server configuration, shared by the connections
/// made with it (OpenSSL makes SSL_new on a shared context safe from any thread).
final class TLSContext: @unchecked Sendable {
    let pointer: OpaquePointer

    init(client configuration: ClientTLS) throws {
        pointer = try TLSContext.makeContext(method: TLS_client_method())
        // A throw from here on still runs deinit, which frees the context.
        switch configuration.trustRoots {
        case .system:
            guard SSL_CTX_set_default_verify_paths(pointer) == 1 else {
                throw TLSConfigurationError(description: "cannot load the system's trust store: \(OpenSSLError.drain())")
            }
        case .certificates(let source):
            try TLSContext.addTrustRoots(source, to: SSL_CTX_get_cert_store(pointer))
        }
        SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
        switch (configuration.certificateChain, configuration.privateKey) {
        case (let chain?, let key?): try useIdentity(chain: chain, key: key)
        case (nil, nil): break
        default: throw TLSConfigurationError(description: "a client certificate chain needs its private key, and a key its chain")
        }
        var protocols: [UInt8] = [2, UInt8(ascii: "h"), UInt8(ascii: "2")]
        guard SSL_CTX_set_alpn_protos(pointer, &protocols, UInt32(protocols.count)) == 0 else {
            throw TLSConfigurationError(description: "cannot offer ALPN h2: \(OpenSSLError.drain())")
        }
    }

    init(server configuration: ServerTLS) throws {
        pointer = try TLSContext.makeContext(method: TLS_server_method())
        // A throw from here on still runs deinit, which frees the context.
        try useIdentity(chain: configuration.certificateChain, key: configuration.privateKey)
        switch configuration.clientCertificates {
        case .none:
            SSL_CTX_set_verify(pointer, SSL_VERIFY_NONE, nil)
        case .optional(let roots):
            try trustClients(roots)
            SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER, nil)
        case .required(let roots):
            try trustClients(roots)
            SSL_CTX_set_verify(pointer, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
        // A ClientHello without ALPN is refused with no_application_protocol, so a client
        // that cannot speak h2 learns why instead of failing later on HTTP/2 frames.
        SSL_CTX_set_client_hello_cb(pointer, { ssl, alert, _ in
            var data: UnsafePointer<UInt8>?
            var length = 0
            let alpn = UInt32(TLSEXT_TYPE_application_layer_protocol_negotiation)
            guard SSL_client_hello_get0_ext(ssl, alpn, &data, &length) == 1 else {
                alert?.pointee = SSL_AD_NO_APPLICATION_PROTOCOL
                return SSL_CLIENT_HELLO_ERROR
            }
            return SSL_CLIENT_HELLO_SUCCESS
        }, nil)
        SSL_CTX_set_alpn_select_cb(pointer, { _, selected, selectedLength, offered, offeredLength, _ in
            var h2: [UInt8] = [2, UInt8(ascii: "h"), UInt8(ascii: "2")]
            var chosen: UnsafeMutablePointer<UInt8>?
            let outcome = SSL_select_next_proto(&chosen, selectedLength, offered, offeredLength, &h2, UInt32(h2.count))
            guard outcome == OPENSSL_NPN_NEGOTIATED, let chosen else { return SSL_TLSEXT_ERR_ALERT_FATAL }
            // `chosen` points into the client's list, which outlives the handshake step.
            selected?.pointee = UnsafePointer(chosen)
            return SSL_TLSEXT_ERR_OK
        }, nil)
    }

    deinit { SSL_CTX_free(pointer) }

    private static func makeContext(method: OpaquePointer?) throws -> OpaquePointer {
        guard let context = SSL_CTX_new(method) else {
            throw TLSConfigurationError(description: "cannot create a TLS context: \(OpenSSLError.drain())")
        }
        _ = swiftgrpc_ssl_ctx_set_min_proto_version(context, TLS1_2_VERSION)
        // Renegotiation is not allowed in HTTP/2 (RFC 9113, 9.2.1).
        SSL_CTX_set_options(context, swiftgrpc_ssl_op_no_renegotiation())
        // Idle connections give their record buffers back, so ten thousand of them stay small.
        _ = swiftgrpc_ssl_ctx_set_mode(context, Int(SSL_MODE_RELEASE_BUFFERS))
        // A peer's certificate chain is bounded (OpenSSL's default is the same, said here).
        _ = swiftgrpc_ssl_ctx_set_max_cert_list(context, 100 << 10)
        return context
    }

    private func useIdentity(chain: PEMSource, key: PEMSource) throws {
        let certificates = try PEM.certificates(chain, what: "certificate chain")
        defer { certificates.forEach { X509_free($0) } }
        guard SSL_CTX_use_certificate(pointer, certificates[0]) == 1 else {
            throw TLSConfigurationError(description: "cannot use the certificate from \(chain): \(OpenSSLError.drain())")
        }
        for intermediate in certificates.dropFirst() {
            guard swiftgrpc_ssl_ctx_add1_chain_cert(pointer, intermediate) == 1 else {
                throw TLSConfigurationError(description: "cannot use the chain in \(chain): \(OpenSSLError.drain())")
            }
        }
        let privateKey = try PEM.privateKey(key)
        defer { EVP_PKEY_free(privateKey) }
        guard SSL_CTX_use_PrivateKey(pointer, privateKey) == 1, SSL_CTX_check_private_key(pointer) == 1 else {
            throw TLSConfigurationError(description: "the private key in \(key) does not match the certificate in \(chain): \(OpenSSLError.drain())")
        }
    }

    private func trustClients(_ roots: PEMSource) throws {
        try TLSContext.addTrustRoots(roots, to: SSL_CTX_get_cert_store(pointer))
        // Tells clients which authorities we accept, so they pick the right certificate.
        let authorities = try PEM.certificates(roots, what: "client CA")
        defer { authorities.forEach { X509_free($0) } }
        for authority in authorities { SSL_CTX_add_client_CA(pointer, authority) }
    }

    private static func addTrustRoots(_ source: PEMSource, to store: OpaquePointer?) throws {
        let certificates = try PEM.certificates(source, what: "trust roots")
        defer { certificates.forEach { X509_free($0) } }
        for certificate in certificates {
            guard X509_STORE_add_cert(store, certificate) == 1 else {
                throw TLSConfigurationError(description: "cannot trust a certificate from \(source): \(OpenSSLError.drain())")
            }
        }
    }
}

/// Reading PEM with OpenSSL, with errors that name the source.
enum PEM {

    static func withBIO<R>(_ source: PEMSource, _ body: (OpaquePointer) throws -> R) throws -> R {
        ERR_clear_error()
        switch source {
        case .file(let path):
            guard let bio = BIO_new_file(path, "r") else {
                throw TLSConfigurationError(description: "cannot open \(path): \(OpenSSLError.drain())")
            }
            defer { BIO_free(bio) }
            return try body(bio)
        case .bytes(let bytes):
            return try bytes.withUnsafeBytes { raw in
                guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else {
                    throw TLSConfigurationError(description: "cannot read PEM bytes: \(OpenSSLError.drain())")
                }
                defer { BIO_free(bio) }
                return try body(bio)
            }
        }
    }

    /// Every certificate in `source`, in order; throws when there is none.
    static func certificates(_ source: PEMSource, what: String) throws -> [OpaquePointer] {
        try withBIO(source) { bio in
            var certificates: [OpaquePointer] = []
            while let certificate = PEM_read_bio_X509(bio, nil, { _, _, _, _ in 0 }, nil) {
                certificates.append(certificate)
            }
            // The loop ends on "no start line" at the end of the data; anything else is damage.
            let last = ERR_peek_last_error()
            if certificates.isEmpty || (last != 0 && ERR_GET_REASON(last) != PEM_R_NO_START_LINE) {
                let reason = OpenSSLError.drain()
                certificates.forEach { X509_free($0) }
                throw TLSConfigurationError(description: "no usable certificate in \(what) \(source): \(reason)")
            }
            ERR_clear_error()
            return certificates
        }
    }

    static func privateKey(_ source: PEMSource) throws -> OpaquePointer {
        try withBIO(source) { bio in
            // A callback that knows no password: OpenSSL's own would ask on the terminal.
            guard let key = PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in 0 }, nil) else {
                throw TLSConfigurationError(description: "no usable private key in \(source): \(OpenSSLError.drain())")
            }
            return key
        }
    }
}

/// A server port's TLS context, which `Server.reloadTLS` replaces without a restart.
final class ServerTLSCredentials: Sendable {
    private let state: Mutex<(configuration: ServerTLS, context: TLSContext)>

    init(_ configuration: ServerTLS) throws {
        state = Mutex((configuration, try TLSContext(server: configuration)))
    }

    /// The context new connections use.
    var current: TLSContext { state.withLock { $0.context } }
    var handshakeTimeout: Duration { state.withLock { $0.configuration.handshakeTimeout } }

    /// Builds the new context first, so a bad configuration leaves the old one in force.
    func reload(_ configuration: ServerTLS?) throws {
        let next = configuration ?? state.withLock { $0.configuration }
        let context = try TLSContext(server: next)
        state.withLock { $0 = (next, context) }
    }
}

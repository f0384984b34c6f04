/// PEM data: certificates, or a private key, from a file or from memory.
public enum PEMSource: Sendable, Hashable, CustomStringConvertible {
    /// A PEM file, read when the configuration is used (and again by ``Server/reloadTLS(_:)``).
    case file(String)
    /// PEM text in memory.
    case bytes([UInt8])

    /// The file's path, or a note of how many bytes, for error messages (never the key itself).
    public var description: String {
        switch self {
        case .file(let path): return path
        case .bytes(let bytes): return "PEM bytes (\(bytes.count))"
        }
    }
}

/// The certificate authorities a peer's certificate must chain to.
public enum TrustRoots: Sendable, Hashable {
    /// The system's store (on Debian, ca-certificates in /etc/ssl/certs).
    case system
    /// These certificates only.
    case certificates(PEMSource)
}

/// A client's TLS: it verifies the server's certificate (always: against `trustRoots`, for the
/// target's host name or IP address, or `serverHostnameOverride`), offers and requires ALPN
/// `h2`, sends SNI, and may present a certificate of its own (mTLS).
public struct ClientTLS: Sendable, Hashable {
    /// The authorities the server's certificate must chain to (the system's by default).
    public var trustRoots: TrustRoots
    /// The name the server's certificate must carry instead of the target's host (what
    /// grpc's `grpc.ssl_target_name_override` does); also sent as SNI and in `:authority`.
    public var serverHostnameOverride: String?
    /// A certificate chain (leaf first) and its key, for servers that ask for one.
    public var certificateChain: PEMSource?
    /// The key of `certificateChain`; the two go together.
    public var privateKey: PEMSource?
    /// The handshake must finish within this, or the connection fails.
    public var handshakeTimeout: Duration

    /// Client TLS; with no argument, the system's roots and the target's host name.
    ///
    /// ```swift
    /// let tls = ClientTLS(trustRoots: .certificates(.file("ca.pem")),
    ///                     certificateChain: .file("client.pem"), privateKey: .file("client.key"))
    /// ```
    public init(trustRoots: TrustRoots = .system, serverHostnameOverride: String? = nil,
                certificateChain: PEMSource? = nil, privateKey: PEMSource? = nil, handshakeTimeout: Duration = .seconds(10)) {
        self.trustRoots = trustRoots
        self.serverHostnameOverride = serverHostnameOverride
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.handshakeTimeout = handshakeTimeout
    }
}

/// Whether a server asks clients for certificates, and what they must chain to.
public enum ClientCertificatePolicy: Sendable, Hashable {
    /// Not asked for.
    case none
    /// Asked for; a client without one is served, one with a certificate that does not
    /// verify against `trustRoots` is refused.
    case optional(trustRoots: PEMSource)
    /// A client must present a certificate that verifies against `trustRoots` (mTLS).
    case required(trustRoots: PEMSource)
}

/// A server's TLS: its certificate chain and key, ALPN `h2` required of clients, and the
/// client-certificate policy. Handlers see the session in `ServerContext.tls`.
public struct ServerTLS: Sendable, Hashable {
    /// Leaf first, then intermediates.
    public var certificateChain: PEMSource
    /// The key of the leaf certificate.
    public var privateKey: PEMSource
    /// Whether clients are asked for certificates, and what they must chain to.
    public var clientCertificates: ClientCertificatePolicy
    /// A client whose handshake does not finish within this is disconnected (10 s by default).
    public var handshakeTimeout: Duration

    /// Server TLS from a certificate chain and its key.
    ///
    /// ```swift
    /// let tls = ServerTLS(certificateChain: .file("server.pem"), privateKey: .file("server.key"),
    ///                     clientCertificates: .required(trustRoots: .file("clients-ca.pem")))
    /// ```
    public init(certificateChain: PEMSource, privateKey: PEMSource, clientCertificates: ClientCertificatePolicy = .none,
                handshakeTimeout: Duration = .seconds(10)) {
        self.certificateChain = certificateChain
        self.privateKey = privateKey
        self.clientCertificates = clientCertificates
        self.handshakeTimeout = handshakeTimeout
    }
}

/// A TLS configuration that cannot be used, saying which part and why.
public struct TLSConfigurationError: Error, CustomStringConvertible, Sendable {
    /// Which file or setting, and what is wrong with it, with OpenSSL's reason: `cannot open
    /// ca.pem: …`, `the private key in server.key does not match the certificate in server.pem: …`.
    public let description: String
}

/// What a TLS connection established, as the other side presented it.
public struct TLSSessionInfo: Sendable, Hashable {
    /// `TLSv1.2` or `TLSv1.3`.
    public let protocolVersion: String
    /// OpenSSL's name of the negotiated cipher suite, `TLS_AES_256_GCM_SHA384`.
    public let cipherSuite: String
    /// The ALPN protocol (always `h2` for a gRPC connection).
    public let applicationProtocol: String
    /// The peer's certificate, verified: a client's (with a client-certificate policy) as a
    /// server sees it.
    public let peerCertificate: PeerCertificate?
}

/// The names a verified certificate carries, for authorization decisions.
public struct PeerCertificate: Sendable, Hashable {
    /// The subject in RFC 2253 form, e.g. `CN=testclient,O=Internet Widgits Pty Ltd,ST=Some-State,C=AU`.
    public let subject: String
    /// The issuer in RFC 2253 form.
    public let issuer: String
    /// The subject's common name (CN), when it has one.
    public let commonName: String?
    /// subjectAltName entries by kind.
    public let dnsNames: [String]
    /// IP address SANs, in text form (`127.0.0.1`, `::1`).
    public let ipAddresses: [String]
    /// URI SANs (SPIFFE IDs, `spiffe://example.org/service`).
    public let uris: [String]
    /// Email SANs.
    public let emailAddresses: [String]
    /// The certificate itself, DER-encoded.
    public let der: [UInt8]
}

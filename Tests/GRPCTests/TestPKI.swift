import COpenSSL
import SwiftGRPC

/// Certificates made for one test with OpenSSL: a CA and leaves it signs, valid or expired,
/// for the names a test needs. EC P-256 keys, so making them is quick.
struct TestPKI {
    /// A key pair and a certificate, with both in PEM.
    final class Identity: @unchecked Sendable {
        let key: OpaquePointer
        let certificate: OpaquePointer
        let certificatePEM: [UInt8]
        let keyPEM: [UInt8]

        init(key: OpaquePointer, certificate: OpaquePointer) {
            self.key = key
            self.certificate = certificate
            certificatePEM = TestPKI.pem { PEM_write_bio_X509($0, certificate) }
            keyPEM = TestPKI.pem { PEM_write_bio_PrivateKey($0, key, nil, nil, 0, nil, nil) }
        }

        deinit {
            X509_free(certificate)
            EVP_PKEY_free(key)
        }

        var chain: PEMSource { .bytes(certificatePEM) }
        var privateKey: PEMSource { .bytes(keyPEM) }
    }

    let ca: Identity

    init(caName: String = "swiftgrpc test CA") {
        ca = TestPKI.issue(commonName: caName, altNames: nil, issuer: nil, isCA: true)
    }

    var roots: PEMSource { ca.chain }

    /// A certificate for `altNames` (`DNS:localhost,IP:127.0.0.1`), valid from `validFrom` to
    /// `validUntil` seconds from now.
    func issue(_ commonName: String, altNames: String? = "DNS:localhost,IP:127.0.0.1",
               validFrom: Int = -3600, validUntil: Int = 86400) -> Identity {
        TestPKI.issue(commonName: commonName, altNames: altNames, issuer: ca, isCA: false, validFrom: validFrom, validUntil: validUntil)
    }

    func serverTLS(_ identity: Identity? = nil, clients: ClientCertificatePolicy = .none) -> ServerTLS {
        let identity = identity ?? issue("localhost")
        return ServerTLS(certificateChain: identity.chain, privateKey: identity.privateKey, clientCertificates: clients)
    }

    private static func issue(commonName: String, altNames: String?, issuer: Identity?, isCA: Bool,
                              validFrom: Int = -3600, validUntil: Int = 86400) -> Identity {
        let key = makeKey()
        let certificate = X509_new()!
        X509_set_version(certificate, 2)
        ASN1_INTEGER_set(X509_get_serialNumber(certificate), Int(UInt32.random(in: 1...UInt32.max)))
        X509_gmtime_adj(X509_getm_notBefore(certificate), validFrom)
        X509_gmtime_adj(X509_getm_notAfter(certificate), validUntil)
        X509_set_pubkey(certificate, key)
        let name = X509_get_subject_name(certificate)
        X509_NAME_add_entry_by_txt(name, "O", MBSTRING_ASC, "swiftgrpc tests", -1, -1, 0)
        X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, commonName, -1, -1, 0)
        X509_set_issuer_name(certificate, issuer.map { X509_get_subject_name($0.certificate) } ?? name)
        var extensions: [(Int32, String)] = [(NID_basic_constraints, isCA ? "critical,CA:TRUE" : "CA:FALSE")]
        extensions.append((NID_key_usage, isCA ? "critical,keyCertSign,cRLSign" : "critical,digitalSignature,keyEncipherment"))
        if let altNames { extensions.append((NID_subject_alt_name, altNames)) }
        var context = X509V3_CTX()
        X509V3_set_ctx(&context, issuer?.certificate ?? certificate, certificate, nil, nil, 0)
        for (nid, value) in extensions {
            let ext = X509V3_EXT_conf_nid(nil, &context, nid, value)!
            X509_add_ext(certificate, ext, -1)
            X509_EXTENSION_free(ext)
        }
        X509_sign(certificate, issuer?.key ?? key, EVP_sha256())
        return Identity(key: key, certificate: certificate)
    }

    private static func makeKey() -> OpaquePointer {
        let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil)
        defer { EVP_PKEY_CTX_free(context) }
        EVP_PKEY_keygen_init(context)
        EVP_PKEY_CTX_set_group_name(context, "P-256")
        var key: OpaquePointer?
        EVP_PKEY_generate(context, &key)
        return key!
    }

    private static func pem(_ write: (OpaquePointer) -> Int32) -> [UInt8] {
        let bio = BIO_new(BIO_s_mem())!
        defer { BIO_free(bio) }
        _ = write(bio)
        var data: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        return Array(UnsafeRawBufferPointer(start: data, count: length))
    }
}

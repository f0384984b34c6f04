import COpenSSL
#if canImport(Glibc)
import Glibc
#endif

extension PeerCertificate {
    /// Reads the names out of an OpenSSL certificate.
    init(_ certificate: OpaquePointer) {
        subject = PeerCertificate.rfc2253(X509_get_subject_name(certificate))
        issuer = PeerCertificate.rfc2253(X509_get_issuer_name(certificate))
        commonName = PeerCertificate.commonName(X509_get_subject_name(certificate))
        var dns: [String] = [], ips: [String] = [], uris: [String] = [], emails: [String] = []
        if let names = swiftgrpc_x509_alt_names(certificate) {
            defer { swiftgrpc_general_names_free(names) }
            for index in 0..<swiftgrpc_general_names_count(names) {
                var kind: Int32 = 0
                guard let value = GENERAL_NAME_get0_value(swiftgrpc_general_names_value(names, index), &kind) else { continue }
                let string = value.assumingMemoryBound(to: ASN1_STRING.self)
                let bytes = Array(UnsafeBufferPointer(start: ASN1_STRING_get0_data(string), count: Int(ASN1_STRING_length(string))))
                switch kind {
                case GEN_DNS: dns.append(String(decoding: bytes, as: UTF8.self))
                case GEN_URI: uris.append(String(decoding: bytes, as: UTF8.self))
                case GEN_EMAIL: emails.append(String(decoding: bytes, as: UTF8.self))
                case GEN_IPADD: ips.append(PeerCertificate.address(bytes))
                default: break
                }
            }
        }
        dnsNames = dns
        ipAddresses = ips
        self.uris = uris
        emailAddresses = emails
        var encoded: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &encoded)
        der = length > 0 ? Array(UnsafeBufferPointer(start: encoded, count: Int(length))) : []
        CRYPTO_free(encoded, #fileID, #line)
    }

    private static func rfc2253(_ name: OpaquePointer?) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { return "" }
        defer { BIO_free(bio) }
        X509_NAME_print_ex(bio, name, 0, swiftgrpc_xn_flag_rfc2253())
        var data: UnsafeMutablePointer<CChar>?
        let length = BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data)
        return String(decoding: UnsafeRawBufferPointer(start: data, count: length), as: UTF8.self)
    }

    private static func commonName(_ name: OpaquePointer?) -> String? {
        let index = X509_NAME_get_index_by_NID(name, NID_commonName, -1)
        guard index >= 0, let entry = X509_NAME_get_entry(name, index) else { return nil }
        var utf8: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(entry))
        guard length >= 0, let utf8 else { return nil }
        defer { CRYPTO_free(utf8, #fileID, #line) }
        return String(decoding: UnsafeBufferPointer(start: utf8, count: Int(length)), as: UTF8.self)
    }

    private static func address(_ bytes: [UInt8]) -> String {
        var text = [CChar](repeating: 0, count: 64)
        let family = bytes.count == 16 ? AF_INET6 : AF_INET
        guard bytes.count == 4 || bytes.count == 16, inet_ntop(family, bytes, &text, socklen_t(text.count)) != nil else {
            return bytes.map { String($0) }.joined(separator: ".")
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

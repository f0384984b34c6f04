#ifndef SWIFTGRPC_COPENSSL_SHIM_H
#define SWIFTGRPC_COPENSSL_SHIM_H

#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <openssl/pem.h>
#include <openssl/bio.h>

// OpenSSL spells these as macros over SSL_ctrl / BIO_ctrl, which Swift cannot call; the
// functions below are the same calls with types.

static inline int swiftgrpc_ssl_ctx_set_min_proto_version(SSL_CTX *ctx, int version) {
    return (int)SSL_CTX_set_min_proto_version(ctx, version);
}
static inline long swiftgrpc_ssl_ctx_set_mode(SSL_CTX *ctx, long mode) { return SSL_CTX_set_mode(ctx, mode); }
static inline int swiftgrpc_ssl_ctx_add1_chain_cert(SSL_CTX *ctx, X509 *cert) { return (int)SSL_CTX_add1_chain_cert(ctx, cert); }
static inline int swiftgrpc_ssl_ctx_set_max_cert_list(SSL_CTX *ctx, long size) { return (int)SSL_CTX_set_max_cert_list(ctx, size); }
static inline int swiftgrpc_ssl_set_tlsext_host_name(SSL *ssl, const char *name) { return (int)SSL_set_tlsext_host_name(ssl, name); }
static inline uint64_t swiftgrpc_ssl_op_no_renegotiation(void) { return SSL_OP_NO_RENEGOTIATION; }
static inline unsigned long swiftgrpc_xn_flag_rfc2253(void) { return XN_FLAG_RFC2253; }
static inline void swiftgrpc_bio_set_retry_read(BIO *bio) { BIO_set_retry_read(bio); }
static inline void swiftgrpc_bio_clear_retry_flags(BIO *bio) { BIO_clear_retry_flags(bio); }

// subjectAltName entries, which OpenSSL keeps in a typed stack of macros.
static inline GENERAL_NAMES *swiftgrpc_x509_alt_names(X509 *cert) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(cert, NID_subject_alt_name, NULL, NULL);
}
static inline int swiftgrpc_general_names_count(const GENERAL_NAMES *names) { return sk_GENERAL_NAME_num(names); }
static inline const GENERAL_NAME *swiftgrpc_general_names_value(const GENERAL_NAMES *names, int index) {
    return sk_GENERAL_NAME_value(names, index);
}
static inline void swiftgrpc_general_names_free(GENERAL_NAMES *names) { GENERAL_NAMES_free(names); }

#endif

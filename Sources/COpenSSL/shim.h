// OpenSSL 3 (Debian's libssl-dev) as a Swift module, with the few macros Swift cannot import
// wrapped as functions.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/bio.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// Initialises libssl and libcrypto without their exit handler: OpenSSL's atexit cleanup
/// would free its locks while event-loop threads may still be in a handshake, crashing the
/// process as it exits. Call before any other OpenSSL function.
static inline int copenssl_initialize(void) {
    return OPENSSL_init_crypto(OPENSSL_INIT_NO_ATEXIT, NULL) && OPENSSL_init_ssl(0, NULL);
}

/// Sends `name` as the Server Name Indication (SSL_set_tlsext_host_name).
static inline int copenssl_set_server_name(SSL *ssl, const char *name) {
    return (int)SSL_set_tlsext_host_name(ssl, name);
}

/// Refuses anything older than TLS 1.2, or than TLS 1.3 when `tls13` is non-zero
/// (SSL_CTX_set_min_proto_version); HTTP/2 requires TLS 1.2 at least.
static inline int copenssl_set_minimum_version(SSL_CTX *context, int tls13) {
    return (int)SSL_CTX_set_min_proto_version(context, tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
}

/// The key-exchange groups offered or accepted, in order of preference (SSL_CTX_set1_groups_list).
static inline int copenssl_set_groups(SSL_CTX *context, const char *groups) {
    return (int)SSL_CTX_set1_groups_list(context, groups);
}

/// Turns renegotiation off (HTTP/2 forbids it, RFC 9113 §9.2.1) and, on a server, makes its
/// own cipher-suite order win over the client's.
static inline void copenssl_set_policy_options(SSL_CTX *context, int server) {
    uint64_t options = SSL_OP_NO_RENEGOTIATION;
    if (server) options |= SSL_OP_CIPHER_SERVER_PREFERENCE;
    SSL_CTX_set_options(context, options);
}

/// A ClientHello callback (SSL_CTX_set_client_hello_cb) refusing a client that sends no ALPN
/// extension with the no_application_protocol alert, and queueing SSL_R_NO_APPLICATION_PROTOCOL
/// so the failure names its reason: the ALPN select callback is not called without the extension.
static inline int copenssl_require_alpn(SSL *ssl, int *alert, void *argument) {
    (void)argument;
    const unsigned char *offered = NULL;
    size_t length = 0;
    if (SSL_client_hello_get0_ext(ssl, TLSEXT_TYPE_application_layer_protocol_negotiation, &offered, &length) == 1) {
        return SSL_CLIENT_HELLO_SUCCESS;
    }
    ERR_raise(ERR_LIB_SSL, SSL_R_NO_APPLICATION_PROTOCOL);
    *alert = SSL_AD_NO_APPLICATION_PROTOCOL;
    return SSL_CLIENT_HELLO_ERROR;
}

/// The reason part of a packed OpenSSL error code (ERR_GET_REASON).
static inline int copenssl_error_reason(unsigned long code) {
    return ERR_GET_REASON(code);
}

/// Prints a certificate name in RFC 2253 form, such as `CN=client,O=Example` (XN_FLAG_RFC2253).
static inline int copenssl_print_name(BIO *bio, const X509_NAME *name) {
    return X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
}

/// The subject alternative names of a certificate (X509_get_ext_d2i with NID_subject_alt_name),
/// or NULL when it has none; free them with GENERAL_NAMES_free.
static inline GENERAL_NAMES *copenssl_subject_alt_names(const X509 *certificate) {
    return (GENERAL_NAMES *)X509_get_ext_d2i(certificate, NID_subject_alt_name, NULL, NULL);
}

/// How many names `names` holds (sk_GENERAL_NAME_num).
static inline int copenssl_general_names_count(const GENERAL_NAMES *names) {
    return sk_GENERAL_NAME_num(names);
}

/// Name `index` of `names` when it is a DNS name (`*type` GEN_DNS) or a URI (GEN_URI), else
/// NULL; `*type` is set either way.
static inline const ASN1_STRING *copenssl_general_name_text(const GENERAL_NAMES *names, int index, int *type) {
    const GENERAL_NAME *name = sk_GENERAL_NAME_value(names, index);
    *type = name->type;
    if (name->type == GEN_DNS) return name->d.dNSName;
    if (name->type == GEN_URI) return name->d.uniformResourceIdentifier;
    return NULL;
}

/// Makes an empty memory BIO ask to be retried instead of reporting end of file
/// (BIO_set_mem_eof_return(bio, -1)): more ciphertext may still arrive from the socket.
static inline void copenssl_retry_when_empty(BIO *bio) {
    BIO_set_mem_eof_return(bio, -1);
}

/// The key selection for EVP_PKEY_fromdata with a public key only (EVP_PKEY_PUBLIC_KEY).
static inline int copenssl_public_key_selection(void) {
    return EVP_PKEY_PUBLIC_KEY;
}
#endif

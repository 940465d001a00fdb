// OpenSSL 3 (Debian's libssl-dev) as a Swift module, with the few macros Swift cannot import
// wrapped as functions.
#ifndef COPENSSL_SHIM_H
#define COPENSSL_SHIM_H
#include <openssl/bio.h>
#include <openssl/err.h>
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

/// Refuses anything older than TLS 1.2 (SSL_CTX_set_min_proto_version), as HTTP/2 requires.
static inline int copenssl_require_tls12(SSL_CTX *context) {
    return (int)SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
}

/// The reason part of a packed OpenSSL error code (ERR_GET_REASON).
static inline int copenssl_error_reason(unsigned long code) {
    return ERR_GET_REASON(code);
}

/// Prints a certificate name in RFC 2253 form, such as `CN=client,O=Example` (XN_FLAG_RFC2253).
static inline int copenssl_print_name(BIO *bio, const X509_NAME *name) {
    return X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253);
}

/// Makes an empty memory BIO ask to be retried instead of reporting end of file
/// (BIO_set_mem_eof_return(bio, -1)): more ciphertext may still arrive from the socket.
static inline void copenssl_retry_when_empty(BIO *bio) {
    BIO_set_mem_eof_return(bio, -1);
}
#endif

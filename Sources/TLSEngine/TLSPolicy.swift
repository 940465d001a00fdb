/// A TLS version this stack speaks. HTTP/2 needs TLS 1.2 or later (RFC 9113 §9.2), so
/// nothing older can be chosen or negotiated.
public enum TLSVersion: Sendable, Equatable, Comparable {
    /// TLS 1.2 (RFC 5246).
    case tls12
    /// TLS 1.3 (RFC 8446).
    case tls13
}

/// Which TLS versions, cipher suites and key-exchange groups a TLS server or client accepts.
///
/// The default, ``secure``, is what RFC 9113 §9.2 asks of HTTP/2 and what scanners such as
/// testssl rate without findings: TLS 1.3, and TLS 1.2 only with ECDHE key exchange and AEAD
/// ciphers (AES-GCM, ChaCha20-Poly1305), X25519 and P-256 preferred. A server prefers its own
/// order of cipher suites over the client's.
///
/// A custom policy is for those who must talk to peers that cannot do better. A TLS 1.2
/// connection that still ends up with a cipher suite RFC 9113 Appendix A prohibits (one
/// without ephemeral key exchange, or without an AEAD cipher) is closed after the handshake
/// with HTTP/2 GOAWAY `INADEQUATE_SECURITY`, as RFC 9113 §9.2.2 allows.
public struct TLSPolicy: Sendable, Equatable {
    /// The oldest TLS version accepted.
    public var minimumVersion: TLSVersion
    /// The TLS 1.2 cipher suites, as an OpenSSL cipher list (`SSL_CTX_set_cipher_list`), in
    /// order of preference: `ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:…`.
    public var tls12CipherSuites: String
    /// The TLS 1.3 cipher suites, as an OpenSSL list (`SSL_CTX_set_ciphersuites`), in order of
    /// preference: `TLS_AES_128_GCM_SHA256:…`.
    public var tls13CipherSuites: String
    /// The key-exchange groups, as an OpenSSL list (`SSL_CTX_set1_groups_list`), in order of
    /// preference: `X25519:P-256:P-384`.
    public var groups: String

    /// Creates a policy; every argument left out takes its value from ``secure``.
    public init(
        minimumVersion: TLSVersion = .tls12,
        tls12CipherSuites: String = TLSPolicy.secureTLS12CipherSuites,
        tls13CipherSuites: String = TLSPolicy.secureTLS13CipherSuites,
        groups: String = TLSPolicy.secureGroups
    ) {
        self.minimumVersion = minimumVersion
        self.tls12CipherSuites = tls12CipherSuites
        self.tls13CipherSuites = tls13CipherSuites
        self.groups = groups
    }

    /// The default: TLS 1.2 or later; TLS 1.2 with ECDHE and AEAD ciphers only.
    public static let secure = TLSPolicy()

    /// TLS 1.3 only: for deployments whose every peer speaks it.
    public static let tls13Only = TLSPolicy(minimumVersion: .tls13)

    /// ECDHE key exchange (forward secrecy) with AES-GCM or ChaCha20-Poly1305, ECDSA
    /// certificates before RSA ones, AES-128 before AES-256 before ChaCha20.
    public static let secureTLS12CipherSuites = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")

    /// Every TLS 1.3 suite OpenSSL enables by default (all are AEAD with ephemeral key exchange).
    public static let secureTLS13CipherSuites =
        "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"

    /// X25519 and P-256 first; P-384 for peers that have neither.
    public static let secureGroups = "X25519:P-256:P-384"
}

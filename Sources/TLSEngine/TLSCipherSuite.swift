import COpenSSL

/// A TLS cipher suite, with the two properties HTTP/2's rules look at.
public struct TLSCipherSuite: Sendable, Equatable, CustomStringConvertible {
    /// The IANA (RFC) name, such as `TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256`.
    public let name: String
    /// The two-byte code point, such as 0xC02B.
    public let codePoint: UInt16
    /// Whether the key exchange is ephemeral (ECDHE, DHE, or their PSK variants), which gives
    /// forward secrecy. TLS 1.3 suites do not name a key exchange; theirs is always ephemeral
    /// here (OpenSSL offers no PSK-only TLS 1.3 mode to this stack).
    public let hasEphemeralKeyExchange: Bool
    /// Whether the cipher is an AEAD one (GCM, CCM, ChaCha20-Poly1305), not a block cipher in
    /// CBC mode, a stream cipher or no cipher.
    public let isAEAD: Bool
    /// Whether the server is authenticated (by certificate or pre-shared key); false for the
    /// anonymous `DH_anon` and `ECDH_anon` suites.
    public let isAuthenticated: Bool

    /// Reads a suite's properties from OpenSSL's description of it.
    init(_ cipher: OpaquePointer) {
        name =
            SSL_CIPHER_standard_name(cipher).map { String(cString: $0) } ?? String(cString: SSL_CIPHER_get_name(cipher))
        codePoint = SSL_CIPHER_get_protocol_id(cipher)
        let exchange = SSL_CIPHER_get_kx_nid(cipher)
        hasEphemeralKeyExchange = [NID_kx_ecdhe, NID_kx_dhe, NID_kx_ecdhe_psk, NID_kx_dhe_psk, NID_kx_any].contains(
            exchange)
        isAEAD = SSL_CIPHER_is_aead(cipher) == 1
        isAuthenticated = SSL_CIPHER_get_auth_nid(cipher) != NID_auth_null
    }

    /// Whether RFC 9113 Appendix A prohibits the suite for HTTP/2 over TLS 1.2: the list holds
    /// "those cipher suites that do not offer an ephemeral key exchange and those that are
    /// based on the TLS null, stream, or block cipher type", and the anonymous Diffie-Hellman
    /// ones (`TLS_DH_anon_WITH_AES_128_GCM_SHA256` is on it); that is, every suite that is not
    /// ephemeral, AEAD and authenticated.
    public var isProhibitedForHTTP2OverTLS12: Bool { !(hasEphemeralKeyExchange && isAEAD && isAuthenticated) }

    /// The IANA name and the code point: `TLS_RSA_WITH_AES_128_CBC_SHA (0x002F)`.
    public var description: String {
        let hex = String(codePoint, radix: 16, uppercase: true)
        return "\(name) (0x\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex))"
    }
}

/// What a completed TLS handshake agreed on.
public struct TLSNegotiatedParameters: Sendable, Equatable {
    /// The TLS version; nil for one this stack does not speak (never with its minimum of TLS 1.2).
    public let version: TLSVersion?
    /// The cipher suite.
    public let cipherSuite: TLSCipherSuite

    /// Whether HTTP/2 must not run over this connection (RFC 9113 §9.2.2): TLS 1.2 (or an
    /// unknown version) with a suite Appendix A prohibits. The restrictions apply to TLS 1.2
    /// only; every TLS 1.3 suite is acceptable.
    public var isInadequateForHTTP2: Bool {
        version != .tls13 && cipherSuite.isProhibitedForHTTP2OverTLS12
    }
}

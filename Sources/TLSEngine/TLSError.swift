/// Why a TLS context could not be set up or a TLS connection failed.
public struct TLSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in the terms a person fixing it needs.
    public enum Reason: Sendable, Equatable {
        /// A certificate, key or CA file could not be loaded; the detail names the file.
        case configuration
        /// The peer's certificate does not chain to a trusted certificate authority, or the
        /// peer refused this end's certificate for that reason (alert `unknown_ca`).
        case unknownCertificateAuthority
        /// The server's certificate is not valid for the expected name.
        case nameMismatch(expected: String)
        /// A certificate has expired (the peer's, or this end's as the peer reported).
        case certificateExpired
        /// The peer does not speak HTTP/2 over TLS: no ALPN `h2` was agreed.
        case noApplicationProtocol
        /// The server requires a client certificate and the client sent none.
        case clientCertificateRequired
        /// The peer closed the connection in the middle of the handshake.
        case peerClosed
        /// The peer's bytes are not TLS records: most likely it speaks cleartext (h2c).
        case notTLS
        /// The server's certificate is valid but does not name the identity required of it
        /// (``TLSClientConfiguration/requiredServerIdentity``).
        case identityMismatch(expected: String)
        /// Any other TLS failure; the detail has OpenSSL's words.
        case other
    }

    /// The kind of failure.
    public let reason: Reason
    /// Specifics: a file name, OpenSSL's error text, the verification error.
    public let detail: String

    /// Creates an error.
    public init(_ reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// A sentence naming the reason, then the detail.
    public var description: String {
        let summary =
            switch reason {
            case .configuration: "TLS configuration error"
            case .unknownCertificateAuthority:
                "unknown CA: the certificate is not signed by a trusted certificate authority"
            case .nameMismatch(let expected): "name mismatch: the server's certificate is not valid for '\(expected)'"
            case .certificateExpired: "certificate expired"
            case .noApplicationProtocol: "no ALPN h2: the peer did not agree to HTTP/2 (ALPN h2) over TLS"
            case .clientCertificateRequired: "client certificate required: the server requires one and none was sent"
            case .peerClosed: "the peer closed the connection during the TLS handshake"
            case .notTLS: "not TLS: the peer does not speak TLS (a cleartext server?)"
            case .identityMismatch(let expected):
                "identity mismatch: the server's certificate does not name '\(expected)'"
            case .other: "TLS failure"
            }
        return detail.isEmpty ? summary : "\(summary) (\(detail))"
    }
}

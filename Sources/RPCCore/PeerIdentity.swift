/// Who the client of a call proved to be with its TLS certificate (mutual TLS), for
/// authorization: the certificate's subject, its subject alternative names and its fingerprint.
public struct PeerIdentity: Sendable, Hashable {
    /// The subject in RFC 2253 form (`CN=client,O=Example`).
    public var subject: String
    /// The DNS names among the subject alternative names.
    public var dnsNames: [String]
    /// The URIs among the subject alternative names, such as a SPIFFE ID.
    public var uris: [String]
    /// The SHA-256 digest of the certificate's DER encoding, 64 lowercase hexadecimal digits.
    public var sha256Fingerprint: String

    /// Creates an identity from its parts.
    public init(subject: String, dnsNames: [String] = [], uris: [String] = [], sha256Fingerprint: String = "") {
        self.subject = subject
        self.dnsNames = dnsNames
        self.uris = uris
        self.sha256Fingerprint = sha256Fingerprint
    }

    /// The first URI that is a SPIFFE ID (`spiffe://trust-domain/path`), if any.
    public var spiffeID: String? { uris.first { $0.hasPrefix("spiffe://") } }
}

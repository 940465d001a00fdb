#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// What the verified certificate of the other end says about who it is: enough to authorize
/// a peer by name (a SPIFFE ID, a DNS name) or to pin it (the fingerprint).
public struct TLSPeerCertificate: Sendable, Hashable {
    /// The subject in RFC 2253 form (`CN=client,O=Example`).
    public let subject: String
    /// The DNS names among its subject alternative names.
    public let dnsNames: [String]
    /// The URIs among its subject alternative names, such as a SPIFFE ID
    /// (`spiffe://example.org/ns/prod/sa/task-service`).
    public let uris: [String]
    /// The SHA-256 digest of the certificate's DER encoding, as 64 lowercase hexadecimal digits.
    public let sha256Fingerprint: String

    /// The first URI SAN that is a SPIFFE ID (`spiffe://…`), if any.
    public var spiffeID: String? { uris.first { $0.hasPrefix("spiffe://") } }

    /// Creates a description from its parts.
    public init(subject: String, dnsNames: [String], uris: [String], sha256Fingerprint: String) {
        self.subject = subject
        self.dnsNames = dnsNames
        self.uris = uris
        self.sha256Fingerprint = sha256Fingerprint
    }

    /// Reads `certificate` (an `X509 *`); nil when its subject or digest cannot be read.
    init?(_ certificate: OpaquePointer) {
        guard let subject = Self.subject(of: certificate), let fingerprint = Self.fingerprint(of: certificate) else {
            return nil
        }
        var dnsNames: [String] = []
        var uris: [String] = []
        if let names = copenssl_subject_alt_names(certificate) {
            defer { GENERAL_NAMES_free(names) }
            for index in 0..<copenssl_general_names_count(names) {
                var type: Int32 = 0
                guard let text = copenssl_general_name_text(names, index, &type),
                    let bytes = ASN1_STRING_get0_data(text)
                else { continue }
                let value = String(
                    decoding: UnsafeBufferPointer(start: bytes, count: Int(ASN1_STRING_length(text))), as: UTF8.self)
                if type == GEN_DNS { dnsNames.append(value) } else { uris.append(value) }
            }
        }
        self.init(subject: subject, dnsNames: dnsNames, uris: uris, sha256Fingerprint: fingerprint)
    }

    private static func subject(of certificate: OpaquePointer) -> String? {
        guard let name = X509_get_subject_name(certificate), let bio = BIO_new(BIO_s_mem()) else { return nil }
        defer { BIO_free(bio) }
        guard copenssl_print_name(bio, name) >= 0 else { return nil }
        var text = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let count = text.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32($0.count)) }
        return String(decoding: text.prefix(max(Int(count), 0)), as: UTF8.self)
    }

    private static func fingerprint(of certificate: OpaquePointer) -> String? {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard X509_digest(certificate, EVP_sha256(), &digest, &length) == 1 else { return nil }
        let hexDigits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in digest.prefix(Int(length)) {
            text.append(hexDigits[Int(byte >> 4)])
            text.append(hexDigits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}

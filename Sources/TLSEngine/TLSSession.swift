#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// One connection's TLS over memory buffers, for a non-blocking socket beside it: ciphertext
/// read from the socket goes in with ``receiveCiphertext(_:)`` and plaintext comes out of
/// ``readPlaintext(into:)``; plaintext goes in with ``writePlaintext(_:)`` and the ciphertext
/// to send comes out of ``takeCiphertext(appendingTo:)``. The handshake runs inside these
/// calls. Plaintext written before the handshake completed is held and sent after it.
///
/// Not thread-safe: one connection uses it from one thread.
public final class TLSSession {
    /// The result of reading plaintext.
    public enum ReadResult: Equatable {
        /// This many bytes were decrypted into the buffer.
        case bytes(Int)
        /// Nothing more can be decrypted until more ciphertext arrives.
        case needsCiphertext
        /// The peer ended the TLS session (close_notify).
        case closed
    }

    private let ssl: OpaquePointer
    private let input: OpaquePointer
    private let output: OpaquePointer
    private let expectedName: String?
    private let context: TLSContext
    private var heldPlaintext: [UInt8] = []

    /// Whether the handshake has completed (and ALPN `h2` was agreed).
    public private(set) var isHandshakeComplete = false
    /// The peer's certificate (subject, SAN DNS names and URIs, fingerprint), once the
    /// handshake completed; nil when the peer presented none.
    public private(set) var peerCertificate: TLSPeerCertificate?
    /// The subject of the peer's certificate in RFC 2253 form (`CN=client,O=Example`), once
    /// the handshake completed; nil when the peer presented none.
    public var peerCertificateSubject: String? { peerCertificate?.subject }
    /// The TLS version and cipher suite agreed on, once the handshake completed.
    public private(set) var negotiatedParameters: TLSNegotiatedParameters?

    init(context: TLSContext, serverName: String?) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(context.context), let input = BIO_new(BIO_s_mem()), let output = BIO_new(BIO_s_mem())
        else {
            throw OpenSSLErrorQueue.configurationError("cannot create a TLS session")
        }
        copenssl_retry_when_empty(input)
        SSL_set_bio(ssl, input, output)
        self.ssl = ssl
        self.input = input
        self.output = output
        self.context = context
        expectedName = serverName
        if context.isClient {
            SSL_set_connect_state(ssl)
            if let serverName { try expect(serverName) }
        } else {
            SSL_set_accept_state(ssl)
        }
    }

    deinit {
        SSL_free(ssl)
    }

    /// Sets SNI and the name the server's certificate must be valid for; an IP address is
    /// checked against the certificate's IP addresses and not sent as SNI. Without
    /// verification the name is only sent.
    private func expect(_ name: String) throws(TLSError) {
        var address = in6_addr()
        let isAddress = inet_pton(AF_INET, name, &address) == 1 || inet_pton(AF_INET6, name, &address) == 1
        let verifies = context.verifiesServerCertificate
        let accepted =
            isAddress
            ? !verifies || X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), name) == 1
            : (!verifies || SSL_set1_host(ssl, name) == 1) && copenssl_set_server_name(ssl, name) == 1
        guard accepted else { throw OpenSSLErrorQueue.configurationError("cannot expect the server name '\(name)'") }
    }

    /// Hands over ciphertext read from the socket.
    public func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // A memory BIO grows to take all of it.
        _ = BIO_write(input, base, Int32(bytes.count))
    }

    /// Advances the handshake, then decrypts as much as fits into `buffer`.
    ///
    /// - Throws: ``TLSError`` naming why the handshake or the connection failed.
    public func readPlaintext(into buffer: UnsafeMutableRawBufferPointer) throws(TLSError) -> ReadResult {
        if !isHandshakeComplete {
            guard try advanceHandshake() else { return .needsCiphertext }
        }
        OpenSSLErrorQueue.clear()
        let count = SSL_read(ssl, buffer.baseAddress, Int32(clamping: buffer.count))
        if count > 0 { return .bytes(Int(count)) }
        let error = SSL_get_error(ssl, count)
        switch error {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return .needsCiphertext
        case SSL_ERROR_ZERO_RETURN: return .closed
        default: throw OpenSSLErrorQueue.connectionError(ssl: ssl, sslError: error, expectedName: expectedName)
        }
    }

    /// Encrypts `bytes` (held until the handshake completed).
    ///
    /// - Throws: ``TLSError`` when the handshake or the connection failed.
    public func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        guard isHandshakeComplete else {
            heldPlaintext.append(contentsOf: bytes)
            _ = try advanceHandshake()
            return
        }
        try encrypt(bytes)
    }

    /// The number of ciphertext bytes waiting to be sent.
    public var pendingCiphertextCount: Int { Int(BIO_ctrl_pending(output)) }

    /// Moves the ciphertext waiting to be sent to the end of `buffer`.
    public func takeCiphertext(appendingTo buffer: inout [UInt8]) {
        let pending = pendingCiphertextCount
        guard pending > 0 else { return }
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: pending))
        let read = buffer.withUnsafeMutableBytes { BIO_read(output, $0.baseAddress! + start, Int32(pending)) }
        buffer.removeLast(pending - max(Int(read), 0))
    }

    /// Runs the handshake as far as the ciphertext received allows; true once it completed.
    private func advanceHandshake() throws(TLSError) -> Bool {
        OpenSSLErrorQueue.clear()
        let result = SSL_do_handshake(ssl)
        guard result == 1 else {
            let error = SSL_get_error(ssl, result)
            if error == SSL_ERROR_WANT_READ || error == SSL_ERROR_WANT_WRITE { return false }
            throw OpenSSLErrorQueue.connectionError(ssl: ssl, sslError: error, expectedName: expectedName)
        }
        var protocolName: UnsafePointer<UInt8>?
        var protocolLength: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &protocolName, &protocolLength)
        guard let protocolName, protocolLength == 2, protocolName[0] == UInt8(ascii: "h"),
            protocolName[1] == UInt8(ascii: "2")
        else {
            throw TLSError(
                .noApplicationProtocol,
                detail: context.isClient
                    ? "the server selected no ALPN protocol h2" : "the client offered no ALPN protocol h2")
        }
        peerCertificate = SSL_get0_peer_certificate(ssl).flatMap(TLSPeerCertificate.init)
        if let required = context.requiredServerIdentity,
            peerCertificate.map({ $0.uris.contains(required) || $0.dnsNames.contains(required) }) != true
        {
            let presented = peerCertificate.map { ($0.uris + $0.dnsNames).joined(separator: ", ") } ?? "no certificate"
            throw TLSError(.identityMismatch(expected: required), detail: "it names \(presented)")
        }
        isHandshakeComplete = true
        negotiatedParameters = readNegotiatedParameters()
        let held = heldPlaintext
        heldPlaintext = []
        let sent = held.withUnsafeBytes { bytes in Result { () throws(TLSError) in try encrypt(bytes) } }
        try sent.get()
        return true
    }

    private func encrypt(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        OpenSSLErrorQueue.clear()
        // Writes into a memory BIO complete in full.
        let written = SSL_write(ssl, base, Int32(clamping: bytes.count))
        guard written > 0 else {
            throw OpenSSLErrorQueue.connectionError(
                ssl: ssl, sslError: SSL_get_error(ssl, written), expectedName: expectedName)
        }
    }

    private func readNegotiatedParameters() -> TLSNegotiatedParameters? {
        guard let cipher = SSL_get_current_cipher(ssl) else { return nil }
        let version: TLSVersion? =
            switch SSL_version(ssl) {
            case TLS1_3_VERSION: .tls13
            case TLS1_2_VERSION: .tls12
            default: nil
            }
        return TLSNegotiatedParameters(version: version, cipherSuite: TLSCipherSuite(cipher))
    }
}

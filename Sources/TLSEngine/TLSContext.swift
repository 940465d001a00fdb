#if canImport(Glibc)
import Glibc
#endif
import COpenSSL

/// A configured OpenSSL context (`SSL_CTX`): certificates, trust, the ``TLSPolicy`` and ALPN `h2`, loaded once
/// and shared by every connection of a server or client; ``makeSession(serverName:)`` starts one.
public final class TLSContext: @unchecked Sendable {
    // Safe because: the SSL_CTX is fully configured in init and never changed afterwards;
    // OpenSSL allows SSL_new on one context from several threads at once.
    let context: OpaquePointer
    /// Whether sessions made from this context are the client end.
    public let isClient: Bool
    private let serverNameOverride: String?
    /// Client side: whether the server's certificate is checked, its chain and the expected name
    /// (false for ``ServerCertificateVerification/noneInsecure``).
    let verifiesServerCertificate: Bool
    /// Client side: the identity the server's certificate must name (a URI or DNS SAN).
    let requiredServerIdentity: String?

    /// The ALPN protocol list this stack offers: `h2` only.
    static let alpnProtocols: [UInt8] = [2, UInt8(ascii: "h"), UInt8(ascii: "2")]

    /// Loads a server's certificate chain and key and, for mutual TLS, the client CAs.
    ///
    /// - Throws: ``TLSError`` (``TLSError/Reason/configuration``) naming the file that could
    ///   not be read or parsed, or a key that does not match the certificate.
    public convenience init(server configuration: TLSServerConfiguration) throws(TLSError) {
        try self.init(isClient: false, serverNameOverride: nil, policy: configuration.policy)
        try loadCertificate(chain: configuration.certificateChainFile, key: configuration.privateKeyFile)
        switch configuration.clientCertificates {
        case .none:
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        case .optional(let file):
            try trustClients(signedBy: file)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        case .required(let file):
            try trustClients(signedBy: file)
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nil)
        }
        // The select callback runs only when the client sends ALPN; a ClientHello without the
        // extension is refused here, in the handshake, with the same alert.
        SSL_CTX_set_client_hello_cb(context, copenssl_require_alpn, nil)
        SSL_CTX_set_alpn_select_cb(
            context,
            { _, selected, selectedLength, offered, offeredLength, _ in
                guard let offered, let selected, let selectedLength,
                    let start = TLSContext.h2Offset(in: UnsafeBufferPointer(start: offered, count: Int(offeredLength)))
                else { return SSL_TLSEXT_ERR_ALERT_FATAL }
                selected.pointee = offered + start
                selectedLength.pointee = 2
                return SSL_TLSEXT_ERR_OK
            }, nil)
    }

    /// Loads what a client trusts and, for mutual TLS, its certificate and key.
    ///
    /// - Throws: ``TLSError`` (``TLSError/Reason/configuration``) naming the file that could
    ///   not be read or parsed.
    public convenience init(client configuration: TLSClientConfiguration) throws(TLSError) {
        let verifies = configuration.serverCertificateVerification == .full
        try self.init(
            isClient: true, serverNameOverride: configuration.serverNameOverride, policy: configuration.policy,
            verifiesServerCertificate: verifies, requiredServerIdentity: configuration.requiredServerIdentity)
        switch verifies ? configuration.trustRoots : nil {
        case nil:
            SSL_CTX_set_verify(context, SSL_VERIFY_NONE, nil)
        case .systemStore?:
            guard SSL_CTX_set_default_verify_paths(context) == 1 else {
                throw OpenSSLErrorQueue.configurationError("cannot load the system's certificate store")
            }
        case .certificateAuthorityFile(let file)?:
            try Self.checkReadable(file, role: "CA file")
            guard SSL_CTX_load_verify_locations(context, file, nil) == 1 else {
                throw OpenSSLErrorQueue.configurationError("cannot load the CA file \(file)")
            }
        }
        if let certificate = configuration.certificate {
            try loadCertificate(chain: certificate.chainFile, key: certificate.privateKeyFile)
        }
        if verifiesServerCertificate { SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil) }
        // SSL_CTX_set_alpn_protos returns 0 on success.
        guard SSL_CTX_set_alpn_protos(context, Self.alpnProtocols, UInt32(Self.alpnProtocols.count)) == 0 else {
            throw OpenSSLErrorQueue.configurationError("cannot offer ALPN h2")
        }
    }

    /// Whether OpenSSL initialised, once, before its first use.
    private static let libraryInitialized = copenssl_initialize() == 1

    private init(
        isClient: Bool, serverNameOverride: String?, policy: TLSPolicy, verifiesServerCertificate: Bool = true,
        requiredServerIdentity: String? = nil
    ) throws(TLSError) {
        guard Self.libraryInitialized else {
            throw TLSError(.configuration, detail: "OpenSSL failed to initialise")
        }
        OpenSSLErrorQueue.clear()
        guard let context = SSL_CTX_new(isClient ? TLS_client_method() : TLS_server_method()) else {
            throw OpenSSLErrorQueue.configurationError("SSL_CTX_new failed")
        }
        self.context = context
        self.isClient = isClient
        self.serverNameOverride = serverNameOverride
        self.verifiesServerCertificate = verifiesServerCertificate
        self.requiredServerIdentity = requiredServerIdentity
        try apply(policy)
    }

    /// Sets the minimum version, the cipher suites and the groups, refuses renegotiation
    /// (RFC 9113 §9.2.1) and, on a server, prefers the server's order of cipher suites.
    private func apply(_ policy: TLSPolicy) throws(TLSError) {
        guard copenssl_set_minimum_version(context, policy.minimumVersion == .tls13 ? 1 : 0) == 1 else {
            throw OpenSSLErrorQueue.configurationError("cannot set the minimum TLS version")
        }
        guard SSL_CTX_set_cipher_list(context, policy.tls12CipherSuites) == 1 else {
            throw OpenSSLErrorQueue.configurationError("invalid TLS 1.2 cipher list '\(policy.tls12CipherSuites)'")
        }
        guard SSL_CTX_set_ciphersuites(context, policy.tls13CipherSuites) == 1 else {
            throw OpenSSLErrorQueue.configurationError("invalid TLS 1.3 cipher suites '\(policy.tls13CipherSuites)'")
        }
        guard copenssl_set_groups(context, policy.groups) == 1 else {
            throw OpenSSLErrorQueue.configurationError("invalid TLS groups '\(policy.groups)'")
        }
        copenssl_set_policy_options(context, isClient ? 0 : 1)
    }

    deinit {
        SSL_CTX_free(context)
    }

    /// Starts one connection's TLS session.
    ///
    /// - Parameter serverName: client side, the host connected to; the configuration's
    ///   ``TLSClientConfiguration/serverNameOverride`` takes its place when set. It is sent as
    ///   SNI (unless it is an IP address) and the server's certificate must be valid for it.
    public func makeSession(serverName: String? = nil) throws(TLSError) -> TLSSession {
        try TLSSession(context: self, serverName: isClient ? serverNameOverride ?? serverName : nil)
    }

    /// Where `h2` starts in an ALPN protocol list (length-prefixed names), if it is offered.
    static func h2Offset(in offered: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = 0
        while index < offered.count {
            let length = Int(offered[index])
            let name = index + 1
            guard name + length <= offered.count else { return nil }
            if length == 2, offered[name] == UInt8(ascii: "h"), offered[name + 1] == UInt8(ascii: "2") { return name }
            index = name + length
        }
        return nil
    }

    private func loadCertificate(chain: String, key: String) throws(TLSError) {
        try Self.checkReadable(chain, role: "certificate chain")
        try Self.checkReadable(key, role: "private key")
        guard SSL_CTX_use_certificate_chain_file(context, chain) == 1 else {
            throw OpenSSLErrorQueue.configurationError("cannot load the certificate chain \(chain)")
        }
        guard SSL_CTX_use_PrivateKey_file(context, key, SSL_FILETYPE_PEM) == 1 else {
            throw OpenSSLErrorQueue.configurationError("cannot load the private key \(key)")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw OpenSSLErrorQueue.configurationError("the private key \(key) does not match the certificate \(chain)")
        }
    }

    private func trustClients(signedBy file: String) throws(TLSError) {
        try Self.checkReadable(file, role: "client CA file")
        guard SSL_CTX_load_verify_locations(context, file, nil) == 1 else {
            throw OpenSSLErrorQueue.configurationError("cannot load the client CA file \(file)")
        }
        if let names = SSL_load_client_CA_file(file) { SSL_CTX_set_client_CA_list(context, names) }
    }

    private static func checkReadable(_ path: String, role: String) throws(TLSError) {
        guard access(path, R_OK) == 0 else {
            throw TLSError(
                .configuration, detail: "cannot read the \(role) \(path): \(String(cString: strerror(errno)))")
        }
    }
}

import COpenSSL
import ProtocSupport
@testable import TLSEngine
import Testing

/// The default ``TLSPolicy`` against the real `openssl s_client` (RFC 9113 §9.2: TLS 1.2 or
/// later, no suite of Appendix A, ALPN h2), custom policies, and the Appendix A rule itself.
@Suite("TLS policy: versions, cipher suites and ALPN against openssl s_client", .serialized, .timeLimit(.minutes(2)))
struct CipherPolicyTests {
    /// One `openssl s_client` handshake (ALPN h2 unless `clientFlags` says otherwise) against a
    /// server session with `policy`; returns the session's end and what s_client printed.
    private func handshake(
        _ certificates: TestCertificates, policy: TLSPolicy = .secure, clientFlags: [String]
    ) async throws -> (peer: SocketTLSPeer, output: String) {
        try await OpenSSLPeers.clientAgainstSession(
            TLSServerConfiguration(
                certificateChainFile: certificates.serverCertificate, privateKeyFile: certificates.serverKey,
                policy: policy),
            certificates, clientFlags: clientFlags)
    }

    @Test(
        "RFC 9113 Appendix A: TLS 1.2 AES128-SHA (RSA key exchange, CBC) is refused: no shared cipher, alert handshake_failure"
    )
    func rsaKeyExchangeRefused() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(
            certificates, clientFlags: ["-tls1_2", "-cipher", "AES128-SHA", "-alpn", "h2"])
        #expect(peer.failure != nil)
        #expect(!peer.session.isHandshakeComplete)
        #expect(output.contains("alert handshake failure"), "\(output)")
        #expect(peer.receivedText.isEmpty)
    }

    @Test(
        "RFC 9113 Appendix A: TLS 1.2 ECDHE-RSA-AES128-SHA and ECDHE-ECDSA-AES128-SHA (ephemeral but CBC) are refused")
    func cbcRefused() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        for cipher in ["ECDHE-RSA-AES128-SHA", "ECDHE-ECDSA-AES128-SHA"] {
            let (peer, output) = try await handshake(
                certificates, clientFlags: ["-tls1_2", "-cipher", cipher, "-alpn", "h2"])
            #expect(peer.failure != nil, "\(cipher)")
            #expect(!peer.session.isHandshakeComplete, "\(cipher)")
            #expect(output.contains("alert handshake failure"), "\(cipher): \(output)")
        }
    }

    @Test("RFC 9113 §9.2: TLS 1.1 is refused with alert protocol_version (the client really offers it: SECLEVEL=0)")
    func tls11Refused() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(
            certificates, clientFlags: ["-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-alpn", "h2"])
        #expect(peer.failure != nil)
        #expect(output.contains("alert protocol version"), "\(output)")
    }

    @Test("TLS 1.3 is accepted with ALPN h2 and an AEAD suite")
    func tls13Accepted() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(certificates, clientFlags: ["-tls1_3", "-alpn", "h2"])
        #expect(peer.failure == nil, "\(output)")
        #expect(peer.receivedText == "ping\n")
        #expect(output.contains("ALPN protocol: h2"), "\(output)")
        let negotiated = try #require(peer.session.negotiatedParameters)
        #expect(negotiated.version == .tls13)
        #expect(negotiated.cipherSuite.isAEAD)
        #expect(!negotiated.isInadequateForHTTP2)
    }

    @Test("TLS 1.2 ECDHE-ECDSA-AES128-GCM-SHA256 (the test certificates are P-256) is accepted with ALPN h2")
    func tls12AEADAccepted() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(
            certificates, clientFlags: ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256", "-alpn", "h2"])
        #expect(peer.failure == nil, "\(output)")
        #expect(output.contains("ALPN protocol: h2"), "\(output)")
        let negotiated = try #require(peer.session.negotiatedParameters)
        #expect(negotiated.version == .tls12)
        #expect(negotiated.cipherSuite.name == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        #expect(negotiated.cipherSuite.codePoint == 0xC02B)
        #expect(!negotiated.isInadequateForHTTP2)
    }

    @Test("the server's order wins: a client preferring ChaCha20 over AES-128-GCM gets AES-128-GCM")
    func serverPreference() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(
            certificates,
            clientFlags: [
                "-tls1_2", "-cipher", "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-ECDSA-AES128-GCM-SHA256", "-alpn", "h2",
            ])
        #expect(peer.failure == nil, "\(output)")
        #expect(peer.session.negotiatedParameters?.cipherSuite.name == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
    }

    @Test("a TLS 1.3-only policy refuses TLS 1.2 with alert protocol_version")
    func tls13OnlyPolicy() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await handshake(
            certificates, policy: .tls13Only, clientFlags: ["-tls1_2", "-alpn", "h2"])
        #expect(peer.failure != nil)
        #expect(output.contains("alert protocol version"), "\(output)")
    }

    @Test("a custom policy can allow a CBC suite; the session then reports it inadequate for HTTP/2 (RFC 9113 §9.2.2)")
    func customPolicyReportsInadequateSuite() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let policy = TLSPolicy(tls12CipherSuites: "ECDHE-ECDSA-AES128-SHA")
        let (peer, output) = try await handshake(
            certificates, policy: policy, clientFlags: ["-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA", "-alpn", "h2"])
        #expect(peer.failure == nil, "\(output)")
        let negotiated = try #require(peer.session.negotiatedParameters)
        #expect(negotiated.cipherSuite.name == "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA")
        #expect(negotiated.cipherSuite.hasEphemeralKeyExchange)
        #expect(!negotiated.cipherSuite.isAEAD)
        #expect(negotiated.isInadequateForHTTP2)
    }

    @Test("a policy OpenSSL cannot use is a configuration error naming the list")
    func invalidPolicy() throws {
        let error = #expect(throws: TLSError.self) {
            _ = try TLSContext(client: TLSClientConfiguration(policy: TLSPolicy(tls12CipherSuites: "NO-SUCH-CIPHER")))
        }
        #expect(error?.reason == .configuration)
        #expect(error?.description.contains("NO-SUCH-CIPHER") == true, "\(String(describing: error))")
        let groups = #expect(throws: TLSError.self) {
            _ = try TLSContext(client: TLSClientConfiguration(policy: TLSPolicy(groups: "P-999")))
        }
        #expect(groups?.description.contains("P-999") == true, "\(String(describing: groups))")
    }

    @Test("RFC 9113 Appendix A: named suites from the list are prohibited, ephemeral AEAD suites are not")
    func appendixASamples() throws {
        let known = Dictionary(Self.everySuite().map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let prohibited = [
            "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
            "TLS_DHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384", "TLS_PSK_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_128_CCM",
            "TLS_DH_anon_WITH_AES_128_GCM_SHA256",
        ]
        let allowed = [
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_CCM", "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
        ]
        for name in prohibited {
            let suite = try #require(known[name], "OpenSSL does not know \(name)")
            #expect(suite.isProhibitedForHTTP2OverTLS12, "\(suite)")
        }
        for name in allowed {
            let suite = try #require(known[name], "OpenSSL does not know \(name)")
            #expect(!suite.isProhibitedForHTTP2OverTLS12, "\(suite)")
        }
    }

    @Test(
        "RFC 9113 Appendix A's criterion (ephemeral, AEAD, not anonymous) read from each IANA name agrees with OpenSSL's properties for every TLS 1.2 suite"
    )
    func appendixACriterion() {
        let suites = Self.everySuite().filter { $0.name.contains("_WITH_") }
        #expect(suites.count > 100, "\(suites.count)")
        for suite in suites {
            // TLS_PSK_DHE_WITH_AES_128_CCM_8 is IANA's name for a DHE-PSK suite.
            let ephemeral = ["TLS_ECDHE_", "TLS_DHE_", "TLS_PSK_DHE_"].contains { suite.name.hasPrefix($0) }
            let aead = ["_GCM_", "_CCM", "_CHACHA20_POLY1305_"].contains { suite.name.contains($0) }
            let anonymous = suite.name.contains("_anon_")
            #expect(suite.isProhibitedForHTTP2OverTLS12 == !(ephemeral && aead && !anonymous), "\(suite)")
        }
    }

    @Test("every suite of the default policy is allowed for HTTP/2")
    func defaultPolicySuites() throws {
        let names = Set(TLSPolicy.secureTLS12CipherSuites.split(separator: ":").map(String.init))
        let openSSLNames = Self.everySuite(cipherList: TLSPolicy.secureTLS12CipherSuites)
        #expect(openSSLNames.count == names.count + 3, "\(openSSLNames)") // plus the three TLS 1.3 suites
        for suite in openSSLNames {
            #expect(!suite.isProhibitedForHTTP2OverTLS12, "\(suite)")
        }
    }

    /// Every suite OpenSSL enables for `cipherList` (by default all it knows, at security
    /// level 0), TLS 1.3 ones included.
    private static func everySuite(cipherList: String = "ALL:COMPLEMENTOFALL:@SECLEVEL=0") -> [TLSCipherSuite] {
        guard let context = SSL_CTX_new(TLS_method()) else { return [] }
        defer { SSL_CTX_free(context) }
        guard SSL_CTX_set_cipher_list(context, cipherList) == 1, let ssl = SSL_new(context) else { return [] }
        defer { SSL_free(ssl) }
        guard let list = SSL_get_ciphers(ssl) else { return [] }
        return (0..<OPENSSL_sk_num(list)).compactMap { index in
            OPENSSL_sk_value(list, index).map { TLSCipherSuite(OpaquePointer($0)) }
        }
    }
}

import ProtocSupport
import TLSEngine
import Testing

/// A client ``TLSSession`` against `openssl s_server`: ALPN h2, verification, and the
/// reasons a failed handshake names.
@Suite("TLS client sessions against openssl s_server", .serialized, .timeLimit(.minutes(2)))
struct ClientSessionTests {
    private func connect(
        _ certificates: TestCertificates, serverCertificate: String? = nil, serverFlags: [String] = ["-alpn", "h2"],
        trusting roots: TrustRoots? = nil, name: String = TestCertificates.serverName, send text: String = "hello\n",
        verification: ServerCertificateVerification = .full
    ) async throws -> SocketTLSPeer {
        let (server, port) = try await OpenSSLPeers.startServer(
            certificate: serverCertificate ?? certificates.serverCertificate, key: certificates.serverKey,
            extra: serverFlags)
        defer { server.terminate() }
        let context = try TLSContext(
            client: TLSClientConfiguration(
                trustRoots: roots ?? .certificateAuthorityFile(certificates.certificateAuthority),
                serverNameOverride: name,
                serverCertificateVerification: verification))
        let peer = try SocketTLSPeer.connect(port: port, session: try context.makeSession(serverName: "127.0.0.1"))
        peer.send(text)
        try await peer.run { $0.receivedText.contains("\n") }
        return peer
    }

    @Test("a client session agrees on h2 with s_server, exchanges data, and sees the server's subject")
    func handshakeAndData() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(certificates)
        #expect(peer.failure == nil)
        #expect(peer.session.isHandshakeComplete)
        #expect(peer.receivedText == "olleh\n")
        #expect(peer.session.peerCertificateSubject == "CN=\(TestCertificates.serverName)")
    }

    @Test("a server that selects no ALPN protocol is refused: no ALPN h2")
    func serverWithoutALPN() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(certificates, serverFlags: [])
        #expect(peer.failure?.reason == .noApplicationProtocol, "\(String(describing: peer.failure))")
        #expect(peer.failure?.description.contains("no ALPN h2") == true)
        #expect(peer.receivedText.isEmpty)
    }

    @Test("a server certificate from a CA the client does not trust fails with unknown CA")
    func unknownCA() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(
            certificates, trusting: .certificateAuthorityFile(certificates.untrustedCertificateAuthority))
        #expect(peer.failure?.reason == .unknownCertificateAuthority, "\(String(describing: peer.failure))")
        #expect(peer.failure?.description.hasPrefix("unknown CA") == true)
    }

    @Test("trusting the system store loads it, and a certificate from the test CA (not in it) fails with unknown CA")
    func systemStore() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(certificates, trusting: .systemStore)
        #expect(peer.failure?.reason == .unknownCertificateAuthority, "\(String(describing: peer.failure))")
    }

    @Test("a server certificate for another name fails with name mismatch naming the expected name")
    func nameMismatch() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(certificates, name: "elsewhere.test.example")
        #expect(
            peer.failure?.reason == .nameMismatch(expected: "elsewhere.test.example"),
            "\(String(describing: peer.failure))")
        #expect(peer.failure?.description.contains("name mismatch") == true)
    }

    @Test("an expired server certificate fails with certificate expired")
    func expiredCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(certificates, serverCertificate: certificates.expiredServerCertificate)
        #expect(peer.failure?.reason == .certificateExpired, "\(String(describing: peer.failure))")
    }

    @Test("a server that requires a client certificate refuses a client without one: client certificate required")
    func clientCertificateRequired() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let peer = try await connect(
            certificates, serverFlags: ["-alpn", "h2", "-Verify", "1", "-CAfile", certificates.certificateAuthority])
        #expect(peer.failure?.reason == .clientCertificateRequired, "\(String(describing: peer.failure))")
    }

    @Test(
        "without verification (grpcurl's -insecure), a certificate from an untrusted CA for another name is accepted; fully verified, the same fails"
    )
    func unverified() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let untrusted = TrustRoots.certificateAuthorityFile(certificates.untrustedCertificateAuthority)
        let peer = try await connect(
            certificates, trusting: untrusted, name: "elsewhere.test.example", verification: .noneInsecure)
        #expect(peer.failure == nil, "\(String(describing: peer.failure))")
        #expect(peer.session.isHandshakeComplete)
        #expect(peer.receivedText == "olleh\n")
        let verified = try await connect(certificates, trusting: untrusted, name: "elsewhere.test.example")
        #expect(verified.failure?.reason == .unknownCertificateAuthority, "\(String(describing: verified.failure))")
    }

    @Test("configuration errors name the file that cannot be read")
    func configurationErrors() throws {
        let missing = "/nonexistent/ca.pem"
        let error = #expect(throws: TLSError.self) {
            _ = try TLSContext(client: TLSClientConfiguration(trustRoots: .certificateAuthorityFile(missing)))
        }
        #expect(error?.reason == .configuration)
        #expect(error?.description.contains(missing) == true)
        let keyError = #expect(throws: TLSError.self) {
            _ = try TLSContext(server: TLSServerConfiguration(certificateChainFile: missing, privateKeyFile: missing))
        }
        #expect(keyError?.description.contains("cannot read the certificate chain \(missing)") == true)
    }
}

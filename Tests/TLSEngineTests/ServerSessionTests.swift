import Foundation
import ProtocSupport
import TLSEngine
import Testing

/// A server ``TLSSession`` against `openssl s_client`: ALPN h2 required, and client
/// certificates required and verified (mutual TLS).
@Suite("TLS server sessions against openssl s_client", .serialized, .timeLimit(.minutes(2)))
struct ServerSessionTests {
    /// Runs one s_client connection against a server session; returns the session's end and
    /// what s_client printed.
    private func serve(
        _ certificates: TestCertificates, clients: ClientCertificatePolicy = .none, clientFlags: [String]
    ) async throws -> (SocketTLSPeer, String) {
        try await OpenSSLPeers.clientAgainstSession(
            TLSServerConfiguration(
                certificateChainFile: certificates.serverCertificate, privateKeyFile: certificates.serverKey,
                clientCertificates: clients),
            certificates, clientFlags: clientFlags)
    }

    @Test("a server session agrees on h2 with s_client and exchanges data both ways")
    func handshakeAndData() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(certificates, clientFlags: ["-alpn", "h2"])
        #expect(peer.failure == nil, "\(output)")
        #expect(peer.receivedText == "ping\n")
        #expect(output.contains("ALPN protocol: h2"), "\(output)")
        #expect(output.contains("pong"), "\(output)")
        #expect(peer.session.peerCertificateSubject == nil)
    }

    @Test("a client offering only http/1.1 is refused with the no_application_protocol alert: no ALPN h2")
    func clientWithoutH2() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(certificates, clientFlags: ["-alpn", "http/1.1"])
        #expect(peer.failure?.reason == .noApplicationProtocol, "\(String(describing: peer.failure))")
        #expect(output.contains("no application protocol"), "\(output)")
    }

    @Test(
        "RFC 7301 §3.2: a client offering no ALPN at all is refused in the handshake with the no_application_protocol alert (TLS 1.2 and 1.3)"
    )
    func clientWithoutALPN() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        for version in ["-tls1_2", "-tls1_3"] {
            let (peer, output) = try await serve(certificates, clientFlags: [version])
            #expect(peer.failure?.reason == .noApplicationProtocol, "\(version): \(String(describing: peer.failure))")
            #expect(!peer.session.isHandshakeComplete, "\(version)")
            #expect(output.contains("alert no application protocol"), "\(version): \(output)")
            #expect(peer.receivedText.isEmpty)
        }
    }

    @Test("mTLS required: a client without a certificate is refused with client certificate required")
    func requiredWithoutCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(
            certificates, clients: .required(trustedCertificateAuthorities: certificates.certificateAuthority),
            clientFlags: ["-alpn", "h2"])
        #expect(peer.failure?.reason == .clientCertificateRequired, "\(String(describing: peer.failure))")
        #expect(output.contains("certificate required"), "\(output)")
        #expect(peer.receivedText.isEmpty)
    }

    @Test("mTLS required: a client certificate from an untrusted CA is refused with unknown CA")
    func requiredWithUntrustedCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(
            certificates, clients: .required(trustedCertificateAuthorities: certificates.certificateAuthority),
            clientFlags: [
                "-alpn", "h2", "-cert", certificates.untrustedClientCertificate, "-key",
                certificates.untrustedClientKey,
            ])
        #expect(peer.failure?.reason == .unknownCertificateAuthority, "\(String(describing: peer.failure))")
        #expect(output.contains("unknown ca"), "\(output)")
    }

    @Test("mTLS required: a client certificate from the trusted CA is accepted and its subject exposed")
    func requiredWithTrustedCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(
            certificates, clients: .required(trustedCertificateAuthorities: certificates.certificateAuthority),
            clientFlags: ["-alpn", "h2", "-cert", certificates.clientCertificate, "-key", certificates.clientKey])
        #expect(peer.failure == nil, "\(output)")
        #expect(peer.receivedText == "ping\n")
        #expect(peer.session.peerCertificateSubject == TestCertificates.clientSubject)
        let identity = try #require(peer.session.peerCertificate)
        #expect(identity.dnsNames == [TestCertificates.clientDNSName])
        #expect(identity.uris == [TestCertificates.clientSPIFFEID])
        #expect(identity.spiffeID == TestCertificates.clientSPIFFEID)
        // openssl prints `sha256 Fingerprint=AB:CD:…`.
        let printed = try await ToolProcess.run(
            "/usr/bin/env",
            ["openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", certificates.clientCertificate])
        let expected = String(decoding: printed.stdout, as: UTF8.self).split(separator: "=").last.map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: ":", with: "").lowercased()
        }
        #expect(identity.sha256Fingerprint == expected)
    }

    @Test("mTLS optional: a client without a certificate is accepted with no subject")
    func optionalWithoutCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (peer, output) = try await serve(
            certificates, clients: .optional(trustedCertificateAuthorities: certificates.certificateAuthority),
            clientFlags: ["-alpn", "h2"])
        #expect(peer.failure == nil, "\(output)")
        #expect(peer.receivedText == "ping\n")
        #expect(peer.session.peerCertificateSubject == nil)
    }
}

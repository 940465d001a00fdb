import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import TLSEngine
import Testing

/// Answers every call with what the handler knows of the client's certificate:
/// `SPIFFE-ID|DNS names|fingerprint`, or `none`.
@Sendable private func identityHandler(
    _ stream: RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, _ context: ServerContext
) async {
    do {
        for try await _ in stream.inbound {}
        let identity = context.peerIdentity.map {
            "\($0.spiffeID ?? "-")|\($0.dnsNames.joined(separator: ","))|\($0.sha256Fingerprint)"
        }
        try await stream.outbound.write(.metadata([:]))
        try await stream.outbound.write(.message(Array((identity ?? "none").utf8)))
        try await stream.outbound.write(.status(.ok, [:]))
    } catch {
        try? await stream.outbound.write(.status(error.status, [:]))
    }
}

/// A client certificate's identity as handlers see it, and certificates rotated on disk under
/// a running server without a restart and without a failed call.
@Suite("TLS identities and certificate rotation on the HTTP/2 transport", .serialized, .timeLimit(.minutes(3)))
struct TLSRotationTests {
    /// Copies of the server's certificate and key that the test replaces, as a rotation tool would.
    private struct LiveFiles {
        let chain: URL
        let key: URL

        init(_ certificates: TestCertificates) throws {
            chain = certificates.directory.appendingPathComponent("live.pem")
            key = certificates.directory.appendingPathComponent("live.key")
            try FileManager.default.copyItem(atPath: certificates.serverCertificate, toPath: chain.path)
            try FileManager.default.copyItem(atPath: certificates.serverKey, toPath: key.path)
        }

        /// A server's TLS on these files.
        var serverTLS: TLSServerConfiguration {
            TLSServerConfiguration(certificateChainFile: chain.path, privateKeyFile: key.path)
        }

        /// Renames a copy of `source` over `file`.
        func replace(_ file: URL, with source: String) throws {
            let staged = file.appendingPathExtension("new")
            try FileManager.default.copyItem(atPath: source, toPath: staged.path)
            guard rename(staged.path, file.path) == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    /// The SHA-256 fingerprint (lowercase hex) of the certificate a TLS server on `port` presents,
    /// by openssl s_client, or of the certificate file `path`.
    private func fingerprint(servedOn port: Int? = nil, file path: String? = nil) async throws -> String {
        let source =
            port.map {
                "openssl s_client -connect 127.0.0.1:\($0) -alpn h2 -servername \(TestCertificates.serverName) </dev/null 2>/dev/null | "
            } ?? ""
        let input = path.map { " -in \($0)" } ?? ""
        let outcome = try await ToolProcess.run(
            "/bin/sh", ["-c", source + "openssl x509 -noout -fingerprint -sha256" + input])
        let text = String(decoding: outcome.stdout, as: UTF8.self)
        return String(text.split(separator: "=").last ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: ":", with: "").lowercased()
    }

    @Test("a handler sees the client certificate's SPIFFE ID, DNS names and fingerprint")
    func peerIdentity() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS(
                clients: .required(trustedCertificateAuthorities: certificates.certificateAuthority)),
            handler: identityHandler)
        let client = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: try server.address.tcpPort()),
            tls: certificates.clientTLS(presentingCertificate: true))
        let result = try await call(client, [[]])
        let expected = try await fingerprint(file: certificates.clientCertificate)
        #expect(expected.count == 64)
        #expect(
            result.messages
                == [Array("\(TestCertificates.clientSPIFFEID)|\(TestCertificates.clientDNSName)|\(expected)".utf8)])
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test("certificates replaced under load: every call succeeds, and new connections get the new certificate")
    func rotationUnderLoad() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let live = try LiveFiles(certificates)
        let server = try await RunningServer.start(tls: live.serverTLS)
        let port = try server.address.tcpPort()
        let tls = certificates.clientTLS()
        #expect(try await fingerprint(servedOn: port) == (try await fingerprint(file: certificates.serverCertificate)))

        // Four callers, each making a new connection (a new handshake) for every call, while the
        // certificate and then the key are replaced: between the two the files do not match,
        // and the previous ones must keep serving.
        let end = ContinuousClock.now + .seconds(2)
        async let statuses = withThrowingTaskGroup(of: [Status?].self) { group in
            for _ in 0..<4 {
                group.addTask {
                    var statuses: [Status?] = []
                    while ContinuousClock.now < end {
                        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: port), tls: tls)
                        statuses.append(try await call(client, [[1, 2, 3]]).status)
                        client.beginGracefulShutdown()
                    }
                    return statuses
                }
            }
            return try await group.reduce(into: [Status?]()) { $0 += $1 }
        }
        try await Task.sleep(for: .milliseconds(500))
        try live.replace(live.chain, with: certificates.serviceCertificate)
        try await Task.sleep(for: .milliseconds(300))
        try live.replace(live.key, with: certificates.serviceKey)
        let all = try await statuses
        #expect(all.count > 8)
        #expect(all.allSatisfy { $0 == .ok }, "\(all.filter { $0 != .ok })")
        #expect(try await fingerprint(servedOn: port) == (try await fingerprint(file: certificates.serviceCertificate)))
        try await server.stop()
    }

    @Test("reloadTLS() with files that do not load keeps serving the previous certificate")
    func reloadWithBadFiles() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let live = try LiveFiles(certificates)
        let server = try await RunningServer.start(tls: live.serverTLS)
        let port = try server.address.tcpPort()
        try Data("not a certificate".utf8).write(to: live.chain)
        #expect(server.transport.reloadTLS() == false)
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: port), tls: certificates.clientTLS())
        #expect(try await call(client, [[7]]).status == .ok)
        try live.replace(live.chain, with: certificates.serverCertificate)
        #expect(server.transport.reloadTLS())
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test("a client requiring a server identity its certificate does not name is refused: identity mismatch")
    func requiredServerIdentity() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS())
        let port = try server.address.tcpPort()
        func client(requiring identity: String) -> HTTP2ClientTransport {
            HTTP2ClientTransport(
                target: .tcp(host: "127.0.0.1", port: port),
                tls: certificates.clientTLS(requiredServerIdentity: identity))
        }
        let wrong = client(requiring: "spiffe://swift-rpc.test/ns/tests/sa/notification-service")
        // The refusal ends the connection attempt (the call cannot open a stream) or, when the
        // check ends after the connection was offered, the stream opened on it.
        let refused: Status?
        do {
            refused = try await call(wrong, [[1]]).status
        } catch let error as RPCError {
            refused = error.status
        }
        #expect(refused?.code == .unavailable)
        #expect(refused?.message.contains("identity mismatch") == true, "\(String(describing: refused))")
        wrong.beginGracefulShutdown()
        let right = client(requiring: TestCertificates.serverName)
        #expect(try await call(right, [[1]]).status == .ok)
        right.beginGracefulShutdown()
        try await server.stop()
    }
}

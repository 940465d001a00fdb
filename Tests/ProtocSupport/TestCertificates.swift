import Foundation

/// A throwaway public-key infrastructure for TLS tests, made with the `openssl` command in a
/// fresh temporary directory: a test CA, a server certificate for ``serverName`` (and
/// 127.0.0.1), a client certificate, an expired server certificate, and a second CA nobody
/// trusts with a client certificate of its own. Nothing of it is committed.
public struct TestCertificates: Sendable {
    /// The DNS name in the server certificate (the interop clients' `--server_host_override`).
    public static let serverName = "foo.test.example"
    /// The subject of ``clientCertificate``, as RFC 2253 prints it.
    public static let clientSubject = "CN=interop-client,O=swift-rpc tests"
    /// The DNS name in the client certificate's subject alternative names.
    public static let clientDNSName = "client.test.example"
    /// The SPIFFE ID (a URI SAN) in the client certificate.
    public static let clientSPIFFEID = "spiffe://swift-rpc.test/ns/tests/sa/interop-client"

    /// The directory holding every file; ``remove()`` deletes it.
    public let directory: URL

    /// The trusted test CA's certificate.
    public var certificateAuthority: String { path("ca.pem") }
    /// The server certificate, signed by the test CA, for ``serverName`` and 127.0.0.1.
    public var serverCertificate: String { path("server.pem") }
    /// The server certificate's private key (also the key of ``expiredServerCertificate``).
    public var serverKey: String { path("server.key") }
    /// The same server name and key, but a certificate whose validity ended yesterday.
    public var expiredServerCertificate: String { path("expired.pem") }
    /// A client certificate signed by the test CA, subject ``clientSubject``.
    public var clientCertificate: String { path("client.pem") }
    /// The client certificate's private key.
    public var clientKey: String { path("client.key") }
    /// A client certificate signed by ``untrustedCertificateAuthority``.
    public var untrustedClientCertificate: String { path("rogue-client.pem") }
    /// The private key of ``untrustedClientCertificate``.
    public var untrustedClientKey: String { path("rogue-client.key") }
    /// A certificate for service-to-service mutual TLS, signed by the test CA: valid as a
    /// server's (for ``serverName`` and 127.0.0.1) and as a client's.
    public var serviceCertificate: String { path("service.pem") }
    /// The private key of ``serviceCertificate``.
    public var serviceKey: String { path("service.key") }
    /// A second CA that no test trusts.
    public var untrustedCertificateAuthority: String { path("rogue-ca.pem") }

    /// Generates the CAs, keys and certificates (EC P-256, valid for two days).
    ///
    /// - Throws: ``ChildProcess/Failure`` with openssl's output when a step fails.
    public static func generate() async throws -> TestCertificates {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tls-test-pki-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificates = TestCertificates(directory: directory)
        try "subjectAltName=DNS:\(serverName),IP:127.0.0.1\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appendingPathComponent("server.ext"), atomically: true, encoding: .utf8)
        try "subjectAltName=DNS:\(clientDNSName),URI:\(clientSPIFFEID)\nextendedKeyUsage=clientAuth\n"
            .write(to: directory.appendingPathComponent("client.ext"), atomically: true, encoding: .utf8)
        try "subjectAltName=DNS:\(serverName),IP:127.0.0.1\nextendedKeyUsage=serverAuth,clientAuth\n"
            .write(to: directory.appendingPathComponent("service.ext"), atomically: true, encoding: .utf8)
        try await certificates.makeAuthority("ca", subject: "/CN=swift-rpc test CA")
        try await certificates.makeAuthority("rogue-ca", subject: "/CN=untrusted test CA")
        try await certificates.makeLeaf("server", subject: "/CN=\(serverName)", signer: "ca", extensions: "server.ext")
        try await certificates.sign("server", as: "expired", signer: "ca", extensions: "server.ext", days: -1)
        try await certificates.makeLeaf(
            "client", subject: "/O=swift-rpc tests/CN=interop-client", signer: "ca", extensions: "client.ext")
        try await certificates.makeLeaf(
            "service", subject: "/CN=\(serverName)", signer: "ca", extensions: "service.ext")
        try await certificates.makeLeaf(
            "rogue-client", subject: "/CN=rogue-client", signer: "rogue-ca", extensions: "client.ext")
        return certificates
    }

    /// Deletes the directory and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func path(_ name: String) -> String {
        directory.appendingPathComponent(name).path
    }

    private func makeAuthority(_ name: String, subject: String) async throws {
        try await openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).pem", "-days", "2", "-subj", subject,
            "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        ])
    }

    private func makeLeaf(_ name: String, subject: String, signer: String, extensions: String) async throws {
        try await openssl([
            "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
            "-keyout", "\(name).key", "-out", "\(name).csr", "-subj", subject,
        ])
        try await sign(name, as: name, signer: signer, extensions: extensions, days: 2)
    }

    private func sign(_ request: String, as name: String, signer: String, extensions: String, days: Int) async throws {
        try await openssl([
            "x509", "-req", "-in", "\(request).csr", "-CA", "\(signer).pem", "-CAkey", "\(signer).key",
            "-CAcreateserial", "-out", "\(name).pem", "-days", "\(days)", "-extfile", extensions,
        ])
    }

    private func openssl(_ arguments: [String]) async throws {
        let outcome = try await ToolProcess.run("/usr/bin/env", ["openssl"] + arguments, in: directory)
        guard outcome.status == 0 else {
            throw ChildProcess.Failure(
                description: "openssl \(arguments.joined(separator: " ")) failed: \(outcome.stderr)")
        }
    }
}

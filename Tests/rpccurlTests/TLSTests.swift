import ProtocSupport
import TLSEngine
import Testing

/// rpccurl's TLS flags, with grpcurl's spellings and meaning, against our TLS server and a
/// grpcio TLS server, with certificates the tests generate.
@Suite("rpccurl over TLS (grpcurl's -plaintext, -insecure, -cacert, -cert, -key, -servername)", .serialized)
struct TLSTests {
    private static let get = ["-d", #"{"text":"secure"}"#]
    private static let echoed = "{\n  \"text\": \"secure\"\n}\n"

    /// Starts our server (`python` false) or grpcio's over TLS with the test server certificate
    /// (grpcio requiring a client certificate from the test CA when `mutual`), runs `body`.
    private func withTLSServer<T>(
        python: Bool, mutual: Bool = false, _ body: (TestCertificates, RPCCurlHarness.Server) async throws -> T
    ) async throws -> T {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        if python {
            let clientCA = mutual ? ["--client-ca", certificates.certificateAuthority] : []
            return try await RPCCurlHarness.withPythonServer(
                arguments: ["--tls", certificates.serverCertificate, certificates.serverKey] + clientCA
            ) { try await body(certificates, $0) }
        }
        return try await RPCCurlHarness.withOurServer(
            tls: TLSServerConfiguration(
                certificateChainFile: certificates.serverCertificate, privateKeyFile: certificates.serverKey)
        ) { try await body(certificates, $0) }
    }

    @Test(
        "TLS is the default: -cacert verifies the server, reflection and a call work (-servername, -authority too)",
        arguments: [false, true])
    func verifiedCall(python: Bool) async throws {
        let (list, call, named, authority) = try await withTLSServer(python: python) { certificates, server in
            let ca = ["-cacert", certificates.certificateAuthority]
            return (
                try await RPCCurlHarness.run(ca + [server.address, "list"]),
                try await RPCCurlHarness.run(ca + Self.get + [server.address, "rpccurltest.Echo/Get"]),
                try await RPCCurlHarness.run(
                    ca + ["-servername", TestCertificates.serverName] + Self.get + [
                        server.address, "rpccurltest.Echo/Get",
                    ]),
                try await RPCCurlHarness.run(
                    ca + ["-authority", TestCertificates.serverName] + Self.get + [
                        server.address, "rpccurltest.Echo/Get",
                    ])
            )
        }
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.contains("rpccurltest.Echo\n"))
        for result in [call, named, authority] {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == Self.echoed)
        }
    }

    @Test("-insecure accepts the server's certificate without trusting its CA")
    func insecure() async throws {
        let result = try await withTLSServer(python: true) { _, server in
            try await RPCCurlHarness.run(["-insecure"] + Self.get + [server.address, "rpccurltest.Echo/Get"])
        }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.echoed)
    }

    @Test(
        "a server certificate from a CA not trusted (the system store, or another -cacert) fails the dial: unknown CA, exit 1",
        arguments: [false, true])
    func unknownCA(python: Bool) async throws {
        let (system, other) = try await withTLSServer(python: python) { certificates, server in
            (
                try await RPCCurlHarness.run([server.address, "list"]),
                try await RPCCurlHarness.run([
                    "-cacert", certificates.untrustedCertificateAuthority, server.address, "list",
                ])
            )
        }
        for result in [system, other] {
            #expect(result.status == 1, "\(result.stderr)")
            #expect(result.stderr.hasPrefix("Failed to dial target host \""), "\(result.stderr)")
            #expect(result.stderr.contains("unknown CA"), "\(result.stderr)")
        }
    }

    @Test("-servername that the certificate is not for fails the dial: name mismatch, exit 1")
    func nameMismatch() async throws {
        let result = try await withTLSServer(python: false) { certificates, server in
            try await RPCCurlHarness.run(
                [
                    "-cacert", certificates.certificateAuthority, "-servername", "elsewhere.test.example",
                    server.address, "list",
                ])
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.contains("name mismatch"), "\(result.stderr)")
        #expect(result.stderr.contains("elsewhere.test.example"), "\(result.stderr)")
    }

    @Test("mutual TLS with grpcio: -cert and -key are presented and accepted; without them the dial fails (exit 1)")
    func mutualTLS() async throws {
        let (with, without) = try await withTLSServer(python: true, mutual: true) { certificates, server in
            let ca = ["-cacert", certificates.certificateAuthority]
            return (
                try await RPCCurlHarness.run(
                    ca + ["-cert", certificates.clientCertificate, "-key", certificates.clientKey] + Self.get
                        + [server.address, "rpccurltest.Echo/Get"]),
                try await RPCCurlHarness.run(ca + Self.get + [server.address, "rpccurltest.Echo/Get"])
            )
        }
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stdout == Self.echoed)
        #expect(without.status == 1, "\(without.stderr)")
        #expect(without.stderr.hasPrefix("Failed to dial target host"), "\(without.stderr)")
    }

    @Test(
        "without -plaintext, a cleartext server fails the TLS handshake (exit 1), and the error suggests -plaintext",
        arguments: [["-insecure"], []])
    func tlsToCleartextServer(security: [String]) async throws {
        let result = try await RPCCurlHarness.withOurServer { server in
            try await RPCCurlHarness.run(security + [server.address, "list"])
        }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Failed to dial target host"), "\(result.stderr)")
        #expect(result.stderr.contains("not TLS: the peer does not speak TLS"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("; try -plaintext\n"), "\(result.stderr)")
    }

    @Test(
        "contradicting TLS flags are usage errors (exit 2) with grpcurl's words",
        arguments: [
            (
                ["-cert", "c.pem", "127.0.0.1:1", "list"],
                "The -cert and -key arguments must be used together and both be present."
            ),
            (
                ["-key", "k.pem", "127.0.0.1:1", "list"],
                "The -cert and -key arguments must be used together and both be present."
            ),
            (["-plaintext", "-insecure", "127.0.0.1:1", "list"], "The -insecure argument can only be used with TLS."),
            (
                ["-plaintext", "-cert", "c.pem", "-key", "k.pem", "127.0.0.1:1", "list"],
                "The -cert argument can only be used with TLS."
            ),
            (
                ["-servername", "a", "-authority", "b", "127.0.0.1:1", "list"],
                "Cannot specify different values for -servername and -authority."
            ),
        ])
    func usageErrors(arguments: [String], message: String) async throws {
        let result = try await RPCCurlHarness.run(arguments)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.hasPrefix(message + "\n"), "\(result.stderr)")
    }

    @Test("a -cacert file that cannot be read is exit 1, naming the file")
    func unreadableCA() async throws {
        let result = try await RPCCurlHarness.run(["-cacert", "/nonexistent/ca.pem", "127.0.0.1:1", "list"])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("Failed to create TLS config: "), "\(result.stderr)")
        #expect(result.stderr.contains("/nonexistent/ca.pem"), "\(result.stderr)")
    }
}

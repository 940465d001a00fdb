import Foundation
import InteropTesting
import ProtocSupport
import Testing

/// The reasons our interop-client names when a TLS handshake with a grpcio server fails
/// (the interop cases over TLS run in ``CrossImplementationTests``).
@Suite("Interop TLS handshake failures", .serialized, .timeLimit(.minutes(2)))
struct TLSHandshakeFailureTests {
    @Test("interop-client names the reason when the server's certificate has an unknown CA or the wrong name")
    func handshakeFailuresNameTheReason() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (server, port) = try await InteropPeers.startPythonServer(stubs: stubs, tls: certificates)
        defer { server.terminate() }

        let unknownCA = try await InteropPeers.runSwiftClient(
            .emptyUnary, port: port, tls: certificates, trustedCA: certificates.untrustedCertificateAuthority)
        #expect(!unknownCA.passed)
        #expect(
            unknownCA.report.contains("TLS handshake with ipv4:127.0.0.1:\(port) failed: unknown CA"),
            "\(unknownCA.report)")

        let wrongName = try await InteropPeers.runSwiftClient(
            .emptyUnary, port: port, tls: certificates, serverNameOverride: "other.test.example")
        #expect(!wrongName.passed)
        #expect(
            wrongName.report.contains("name mismatch: the server's certificate is not valid for 'other.test.example'"),
            "\(wrongName.report)")
    }
}

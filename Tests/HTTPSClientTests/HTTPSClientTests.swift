import Foundation
import HTTPSClient
import ProtocSupport
import Testing

@Suite("HTTPS client on libcurl against a Python HTTPS server")
struct HTTPSClientTests {
    /// Runs `body` with the echo server's base URL and the test PKI.
    private func withEchoServer(_ body: (URL, TestCertificates) async throws -> Void) async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let log = certificates.directory.appendingPathComponent("echo.log")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Python/echo_server.py"
        ).path
        let server = try ChildProcess(
            "/usr/bin/env", ["python3", script, certificates.serverCertificate, certificates.serverKey, log.path])
        defer { server.terminate() }
        guard let port = try await PeerLog.port(in: log) else {
            Issue.record("the echo server did not start: \(server.report)")
            return
        }
        try await body(URL(string: "https://127.0.0.1:\(port)")!, certificates)
    }

    @Test(
        "a POST trusting the test CA returns the status, lower-cased headers and the body; a reused client keeps working",
        .timeLimit(.minutes(1)))
    func post() async throws {
        try await withEchoServer { base, certificates in
            let client = HTTPSClient(certificateAuthorityFile: certificates.certificateAuthority)
            for _ in 0..<3 {
                let response = try await client.post(
                    base.appendingPathComponent("echo"), headers: [("Content-Type", "text/plain")],
                    body: Data("abc".utf8))
                #expect(response.status == 202)
                #expect(response.header("x-echo-length") == "3")
                #expect(response.header("X-Content-Type") == "text/plain")
                #expect(response.body == Data("cba".utf8))
            }
        }
    }

    @Test(
        "no response is an HTTPClientError with libcurl's reason: an untrusted CA, a body over the limit, nothing listening",
        .timeLimit(.minutes(1)))
    func failures() async throws {
        try await withEchoServer { base, certificates in
            let untrusting = HTTPSClient(certificateAuthorityFile: certificates.untrustedCertificateAuthority)
            let refusal = await #expect(throws: HTTPClientError.self) {
                try await untrusting.post(base, headers: [], body: Data())
            }
            #expect(refusal?.reason.contains("certificate") == true, "\(String(describing: refusal))")
            let trusting = HTTPSClient(certificateAuthorityFile: certificates.certificateAuthority)
            await #expect(throws: HTTPClientError.self) {
                try await trusting.post(base.appendingPathComponent("big"), headers: [], body: Data())
            }
        }
        await #expect(throws: HTTPClientError.self) {
            try await HTTPSClient().post(URL(string: "https://127.0.0.1:1/")!, headers: [], body: Data())
        }
    }
}

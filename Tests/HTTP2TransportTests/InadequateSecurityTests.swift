import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import TLSEngine
import Testing

/// A Python client over TLS 1.2 with one cipher suite and ALPN h2 that sends the HTTP/2
/// preface and reads frames; prints `goaway:<error code>` for the first GOAWAY,
/// `settings-ack` when the server acknowledged its SETTINGS (HTTP/2 goes on), or `closed`.
private let cipherSuiteClient = #"""
    import socket, ssl, sys
    port, cipher = int(sys.argv[1]), sys.argv[2]
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    context.maximum_version = ssl.TLSVersion.TLSv1_2
    context.set_ciphers(cipher)
    context.set_alpn_protocols(["h2"])
    with context.wrap_socket(socket.create_connection(("127.0.0.1", port), timeout=10)) as tls:
        print("cipher:%s alpn:%s" % (tls.cipher()[0], tls.selected_alpn_protocol()))
        tls.sendall(b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n" + bytes([0, 0, 0, 4, 0, 0, 0, 0, 0]))
        data = b""
        while True:
            try:
                chunk = tls.recv(65536)
            except (ssl.SSLError, OSError):
                chunk = b""
            if not chunk:
                print("closed")
                break
            data += chunk
            while len(data) >= 9 and len(data) >= 9 + int.from_bytes(data[0:3], "big"):
                length, kind = int.from_bytes(data[0:3], "big"), data[3]
                if kind == 7:
                    print("goaway:0x%x" % int.from_bytes(data[13:17], "big"))
                    sys.exit(0)
                if kind == 4 and data[4] & 1:
                    print("settings-ack")
                    sys.exit(0)
                data = data[9 + length:]
    """#

/// RFC 9113 §9.2.2: a TLS 1.2 connection whose cipher suite Appendix A prohibits (possible
/// only when a custom ``TLSPolicy`` allows one) is closed with GOAWAY `INADEQUATE_SECURITY`
/// by our server and by our client.
@Suite("HTTP/2 over TLS 1.2 with a prohibited cipher suite: INADEQUATE_SECURITY", .serialized, .timeLimit(.minutes(2)))
struct InadequateSecurityTests {
    /// A policy that lets one CBC suite (ephemeral, but a block cipher) through.
    private static let cbcPolicy = TLSPolicy(tls12CipherSuites: "ECDHE-ECDSA-AES128-SHA")

    @Test(
        "RFC 9113 §9.2.2: our server sends GOAWAY INADEQUATE_SECURITY (0xc) after a TLS 1.2 handshake with a CBC suite")
    func serverRefusesProhibitedSuite() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS(
                policy: TLSPolicy(tls12CipherSuites: "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES128-SHA")))
        let port = try server.address.tcpPort()
        let script = TemporaryPath.file("cipher-client", suffix: ".py")
        try cipherSuiteClient.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }

        let refused = try await ToolProcess.run(
            "/usr/bin/env", ["python3", script.path, "\(port)", "ECDHE-ECDSA-AES128-SHA"])
        let output = String(decoding: refused.stdout, as: UTF8.self) + refused.stderr
        #expect(output.contains("cipher:ECDHE-ECDSA-AES128-SHA alpn:h2"), "\(output)")
        #expect(output.contains("goaway:0xc"), "\(output)")

        // The same server goes on with HTTP/2 when the client's suite is an AEAD one.
        let accepted = try await ToolProcess.run(
            "/usr/bin/env",
            [
                "python3", script.path, "\(port)", "ECDHE-ECDSA-AES128-GCM-SHA256",
            ])
        let acceptedOutput = String(decoding: accepted.stdout, as: UTF8.self) + accepted.stderr
        #expect(acceptedOutput.contains("alpn:h2\nsettings-ack"), "\(acceptedOutput)")
        try await server.stop()
    }

    @Test(
        "RFC 9113 §9.2.2: our client refuses a server that picked a CBC suite, with UNAVAILABLE naming it, and sends GOAWAY 0xc"
    )
    func clientRefusesProhibitedSuite() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try ChildProcess(
            "/usr/bin/env",
            [
                "openssl", "s_server", "-4", "-accept", "0", "-naccept", "1", "-tls1_2", "-cipher",
                "ECDHE-ECDSA-AES128-SHA",
                "-alpn", "h2", "-cert", certificates.serverCertificate, "-key", certificates.serverKey,
            ])
        defer { server.terminate() }
        let line = try await server.line(containing: "ACCEPT")
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) }, "\(line)")
        let client = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: port),
            tls: TLSClientConfiguration(
                trustRoots: .certificateAuthorityFile(certificates.certificateAuthority), policy: Self.cbcPolicy))
        let status: Status?
        do {
            status = try await call(client, [[1]]).status
        } catch let error as RPCError {
            status = error.status
        }
        #expect(status?.code == .unavailable, "\(String(describing: status))")
        #expect(status?.message.contains("inadequate security") == true, "\(String(describing: status))")
        #expect(
            status?.message.contains("TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA") == true, "\(String(describing: status))")
        client.beginGracefulShutdown()
        // s_server prints what it received: the preface, SETTINGS, then GOAWAY(last stream 0, 0xc).
        let outcome = try await server.outcome()
        let goAway = "\u{0}\u{0}\u{8}\u{7}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{0}\u{c}"
        #expect(outcome.stdout.contains(goAway), "\(outcome.stdout.debugDescription)")
    }
}

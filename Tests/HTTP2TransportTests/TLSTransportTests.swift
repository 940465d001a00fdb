import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import TLSEngine
import Testing

/// A grpcio client over TLS calling `/tls.Peer/Subject` with raw bytes, with or without a
/// client certificate. Prints `subject:<the response>` or `failed:<CODE>:<details>`.
private let grpcioTLSClient = #"""
    import sys
    import grpc
    target, ca, name = sys.argv[1:4]
    key = certificate = None
    if len(sys.argv) > 5:
        certificate, key = open(sys.argv[4], "rb").read(), open(sys.argv[5], "rb").read()
    credentials = grpc.ssl_channel_credentials(open(ca, "rb").read(), key, certificate)
    with grpc.secure_channel(target, credentials, (("grpc.ssl_target_name_override", name),)) as channel:
        try:
            print("subject:" + channel.unary_unary("/tls.Peer/Subject")(b"", timeout=10).decode())
        except grpc.RpcError as error:
            print("failed:%s:%s" % (error.code().name, error.details()))
    """#

/// Answers every call with the client certificate's subject as the server handler sees it.
@Sendable private func subjectHandler(
    _ stream: RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, _ context: ServerContext
) async {
    do {
        for try await _ in stream.inbound {}
        try await stream.outbound.write(.metadata([:]))
        try await stream.outbound.write(.message(Array((context.peerCertificateSubject ?? "none").utf8)))
        try await stream.outbound.write(.status(.ok, [:]))
    } catch {
        try? await stream.outbound.write(.status(error.status, [:]))
    }
}

/// TLS on the HTTP/2 transport: mutual TLS against grpcio and our client, ALPN refusal
/// against openssl s_client, volume, and peers that do not speak TLS.
@Suite("TLS on the HTTP/2 transport", .serialized, .timeLimit(.minutes(3)))
struct TLSTransportTests {
    private func startServer(_ certificates: TestCertificates) async throws -> (RunningServer, Int) {
        let server = try await RunningServer.start(
            tls: certificates.serverTLS(
                clients: .required(trustedCertificateAuthorities: certificates.certificateAuthority)),
            handler: subjectHandler)
        let port = try server.address.tcpPort()
        return (server, port)
    }

    private func grpcioCall(port: Int, _ certificates: TestCertificates, certificate: [String]) async throws -> String {
        let script = TemporaryPath.file("tls-client", suffix: ".py")
        try grpcioTLSClient.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let outcome = try await ToolProcess.run(
            "/usr/bin/env",
            [
                "python3", script.path, "127.0.0.1:\(port)", certificates.certificateAuthority,
                TestCertificates.serverName,
            ] + certificate)
        return String(decoding: outcome.stdout, as: UTF8.self) + outcome.stderr
    }

    @Test(
        "mTLS required: a grpcio client with a certificate from the trusted CA is served, and the handler sees its subject"
    )
    func grpcioClientWithCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (server, port) = try await startServer(certificates)
        let output = try await grpcioCall(
            port: port, certificates, certificate: [certificates.clientCertificate, certificates.clientKey])
        #expect(output.contains("subject:\(TestCertificates.clientSubject)"), "\(output)")
        try await server.stop()
    }

    @Test("mTLS required: grpcio clients without a certificate, or with one from an untrusted CA, are refused")
    func grpcioClientWithoutValidCertificate() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (server, port) = try await startServer(certificates)
        let without = try await grpcioCall(port: port, certificates, certificate: [])
        #expect(without.contains("failed:UNAVAILABLE"), "\(without)")
        let untrusted = try await grpcioCall(
            port: port, certificates,
            certificate: [certificates.untrustedClientCertificate, certificates.untrustedClientKey])
        #expect(untrusted.contains("failed:UNAVAILABLE"), "\(untrusted)")
        try await server.stop()
    }

    @Test(
        "mTLS required: our client without a certificate fails UNAVAILABLE naming the reason; with one the handler sees its subject"
    )
    func ourClient() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let (server, port) = try await startServer(certificates)
        let trust = TrustRoots.certificateAuthorityFile(certificates.certificateAuthority)

        let anonymous = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: port),
            tls: TLSClientConfiguration(trustRoots: trust, serverNameOverride: TestCertificates.serverName))
        let refused = try await call(anonymous, [[]])
        #expect(refused.status?.code == .unavailable)
        #expect(
            refused.status?.message.contains("client certificate required") == true,
            "\(String(describing: refused.status))")
        anonymous.beginGracefulShutdown()

        let identified = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: port),
            tls: TLSClientConfiguration(
                trustRoots: trust, serverNameOverride: TestCertificates.serverName,
                certificate: .init(chainFile: certificates.clientCertificate, privateKeyFile: certificates.clientKey)))
        let served = try await call(identified, [[]])
        #expect(served.status == .ok)
        #expect(served.messages == [Array(TestCertificates.clientSubject.utf8)])
        identified.beginGracefulShutdown()
        try await server.stop()
    }

    @Test(
        "over TLS, a 3 MiB message echoes intact and 50 concurrent 100 kB calls complete (more than one flush can write)"
    )
    func largeAndConcurrentCalls() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS())
        let port = try server.address.tcpPort()
        let client = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: port),
            tls: TLSClientConfiguration(trustRoots: .certificateAuthorityFile(certificates.certificateAuthority)))
        let big = (0..<(3 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let echoed = try await call(client, [big])
        #expect(echoed.status == .ok)
        #expect(echoed.messages == [big])
        let statuses = try await withThrowingTaskGroup(of: Status?.self) { group in
            for index in 0..<50 {
                group.addTask { try await call(client, [Array(repeating: UInt8(index), count: 100_000)]).status }
            }
            return try await group.reduce(into: [Status?]()) { $0.append($1) }
        }
        #expect(statuses.count == 50)
        #expect(statuses.allSatisfy { $0 == .ok })
        client.beginGracefulShutdown()
        try await server.stop()
    }

    @Test("a TLS server refuses openssl s_client offering only http/1.1 with the no_application_protocol alert")
    func http1ClientRefused() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try await RunningServer.start(
            tls: certificates.serverTLS())
        let port = try server.address.tcpPort()
        let outcome = try await ToolProcess.run(
            "/usr/bin/env",
            [
                "openssl", "s_client", "-connect", "127.0.0.1:\(port)", "-alpn", "http/1.1",
                "-CAfile", certificates.certificateAuthority,
            ])
        #expect(outcome.status != 0)
        #expect(outcome.stderr.contains("no application protocol"), "\(outcome.stderr)")
        try await server.stop()
    }

    @Test("RFC 7301: our client refuses a server that selects no ALPN protocol: UNAVAILABLE, no ALPN h2")
    func serverWithoutALPNRefused() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let server = try ChildProcess(
            "/usr/bin/env",
            [
                "openssl", "s_server", "-4", "-accept", "0", "-cert", certificates.serverCertificate, "-key",
                certificates.serverKey,
            ])
        defer { server.terminate() }
        let line = try await server.line(containing: "ACCEPT")
        let port = try #require(line.split(separator: ":").last.flatMap { Int($0) }, "\(line)")
        let client = HTTP2ClientTransport(
            target: .tcp(host: "127.0.0.1", port: port),
            tls: TLSClientConfiguration(trustRoots: .certificateAuthorityFile(certificates.certificateAuthority)))
        let status = await finalStatus { try await call(client, [[1]]) }
        #expect(status?.code == .unavailable, "\(String(describing: status))")
        #expect(status?.message.contains("no ALPN h2") == true, "\(String(describing: status))")
        client.beginGracefulShutdown()
    }

    @Test(
        "a cleartext client against a TLS server, and a TLS client against a cleartext server, fail UNAVAILABLE; the server keeps serving"
    )
    func mismatchedSecurity() async throws {
        let certificates = try await TestCertificates.generate()
        defer { certificates.remove() }
        let tlsServer = try await RunningServer.start(
            tls: certificates.serverTLS())
        let cleartextServer = try await RunningServer.start()
        let tlsPort = try tlsServer.address.tcpPort()
        let cleartextPort = try cleartextServer.address.tcpPort()
        let tls = TLSClientConfiguration(trustRoots: .certificateAuthorityFile(certificates.certificateAuthority))

        let cleartextClient = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: tlsPort))
        let refused = await finalStatus { try await call(cleartextClient, [[1]]) }
        #expect(refused?.code == .unavailable, "\(String(describing: refused))")
        cleartextClient.beginGracefulShutdown()

        let tlsClientOfCleartext = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: cleartextPort), tls: tls)
        let failed = await finalStatus { try await call(tlsClientOfCleartext, [[1]]) }
        #expect(failed?.code == .unavailable)
        #expect(
            failed?.message.contains("TLS handshake with ipv4:127.0.0.1:\(cleartextPort) failed") == true,
            "\(String(describing: failed))")
        tlsClientOfCleartext.beginGracefulShutdown()

        let tlsClient = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: tlsPort), tls: tls)
        let served = try await call(tlsClient, [[1, 2, 3]])
        #expect(served.status == .ok)
        #expect(served.messages == [[1, 2, 3]])
        tlsClient.beginGracefulShutdown()
        try await tlsServer.stop()
        try await cleartextServer.stop()
    }
}

/// The status a call ended with: the one it received, or the one of the error opening its
/// stream threw (a handshake that fails before or after the stream opens gives either).
private func finalStatus(_ call: () async throws -> CallResult) async -> Status? {
    do {
        return try await call().status
    } catch let error as RPCError {
        return error.status
    } catch {
        return nil
    }
}

import ProtocSupport
import TLSEngine

/// `openssl s_server` and `openssl s_client` as independent TLS peers.
enum OpenSSLPeers {
    /// Starts `openssl s_server` on a free IPv4 port, reversing each line it receives;
    /// returns it with the port. `extra` adds flags such as `-alpn h2` or `-Verify 1`.
    static func startServer(certificate: String, key: String, extra: [String]) async throws -> (ChildProcess, Int) {
        let server = try ChildProcess(
            "/usr/bin/env",
            [
                "openssl", "s_server", "-4", "-accept", "0", "-naccept", "1", "-rev", "-cert", certificate, "-key", key,
            ] + extra)
        let line = try await server.line(containing: "ACCEPT")
        guard let port = line.split(separator: ":").last.flatMap({ Int($0) }) else {
            server.terminate()
            throw SocketFailure(description: "openssl s_server did not say where it listens: \(line)")
        }
        return (server, port)
    }

    /// Starts `openssl s_client` connecting to 127.0.0.1:`port`; its standard input stays open.
    static func startClient(port: Int, extra: [String]) throws -> ChildProcess {
        try ChildProcess("/usr/bin/env", ["openssl", "s_client", "-connect", "127.0.0.1:\(port)"] + extra)
    }

    /// One `openssl s_client` connection, trusting the test CA and naming the server, against a
    /// server session made from `configuration`: s_client sends `ping`, the session answers
    /// `pong`. Returns the session's end and everything s_client printed.
    static func clientAgainstSession(
        _ configuration: TLSServerConfiguration, _ certificates: TestCertificates, clientFlags: [String]
    ) async throws -> (peer: SocketTLSPeer, output: String) {
        let context = try TLSContext(server: configuration)
        let listener = try Listener()
        let client = try startClient(
            port: listener.port,
            extra: ["-CAfile", certificates.certificateAuthority, "-servername", TestCertificates.serverName]
                + clientFlags)
        defer { client.terminate() }
        let peer = try await SocketTLSPeer.accept(listener, session: try context.makeSession())
        client.write("ping\n")
        peer.send("pong\n")
        try await peer.run { $0.receivedText.contains("\n") }
        client.closeInput()
        let outcome = try await client.outcome()
        return (peer, outcome.stdout + outcome.stderr)
    }
}

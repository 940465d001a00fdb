import ProtocSupport

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
}

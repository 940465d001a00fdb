import Foundation
import HTTP2Transport
import ProtocSupport
import RPCCurlTestService
import TLSEngine
import Testing

/// Runs the built `rpccurl` as a real process against the servers it is tested against: ours,
/// in this process, and grpcio's, a process too.
enum RPCCurlHarness {
    /// The directory of the built products, next to this test bundle.
    static let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    static let rpccurl = products.appendingPathComponent("rpccurl").path
    static let pythonServer = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/echo_server.py").path

    /// A running server as rpccurl reaches it.
    struct Server: Sendable {
        /// `127.0.0.1:PORT`, or the socket path for a Unix-socket server.
        let address: String
    }

    /// Runs rpccurl with `arguments` and `input` on standard input.
    static func run(_ arguments: [String], input: String = "") async throws -> ChildProcess.Outcome {
        try #require(
            FileManager.default.isExecutableFile(atPath: rpccurl), "build rpccurl first: swift build --product rpccurl")
        return try await ChildProcess.run(rpccurl, arguments, input: input)
    }

    /// Runs our Echo server on a free port, or on the Unix socket `unixSocket`, with reflection
    /// unless `reflection` is false and over TLS with `tls`; runs `body`, stops it.
    static func withOurServer<T>(
        unixSocket: String? = nil, reflection: Bool = true, tls: TLSServerConfiguration? = nil,
        _ body: (Server) async throws -> T
    ) async throws -> T {
        let address: TransportAddress = unixSocket.map { .unix(path: $0) } ?? .tcp(host: "127.0.0.1", port: 0)
        return try await withEchoServer(at: address, reflection: reflection, tls: tls) { bound in
            try await body(Server(address: unixSocket ?? "\(bound)"))
        }
    }

    /// Starts the grpcio server (stubs generated into a temporary directory), runs `body`, stops it.
    /// `arguments` go after the stubs directory (`--tls CERT KEY`, `--client-ca CA`, `--identity-only`).
    static func withPythonServer<T>(arguments: [String] = [], _ body: (Server) async throws -> T) async throws -> T {
        let stubs = try TemporaryPath.directory("rpccurl-stubs")
        defer { try? FileManager.default.removeItem(at: stubs) }
        let process = try ChildProcess(
            "/usr/bin/env", ["python3", pythonServer, Protoc.protosDirectory, stubs.path] + arguments)
        defer { process.terminate() }
        let line = try await process.line(containing: "listening on ")
        return try await body(Server(address: String(line.dropFirst("listening on ".count))))
    }
}

import Foundation
import ProtocSupport
import Testing

/// Runs the built `rpccurl` and the servers it is tested against, all as real processes.
enum RPCCurlHarness {
    /// The directory of the built products, next to this test bundle.
    static let products = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    static let rpccurl = products.appendingPathComponent("rpccurl").path
    static let testServer = products.appendingPathComponent("rpccurl-test-server").path
    static let pythonServer = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/echo_server.py").path

    /// A running server and the address rpccurl reaches it at.
    struct Server: Sendable {
        let process: ChildProcess
        /// `127.0.0.1:PORT`, or the socket path for a Unix-socket server.
        let address: String
    }

    /// Runs rpccurl with `arguments` and `input` on standard input.
    static func run(_ arguments: [String], input: String = "") async throws -> ChildProcess.Outcome {
        try #require(
            FileManager.default.isExecutableFile(atPath: rpccurl), "build rpccurl first: swift build --product rpccurl")
        return try await ChildProcess.run(rpccurl, arguments, input: input)
    }

    /// Starts our test server (`rpccurl-test-server`) with `arguments`, runs `body`, stops it.
    static func withOurServer<T>(
        arguments: [String] = ["--port", "0"], _ body: (Server) async throws -> T
    ) async throws -> T {
        try #require(FileManager.default.isExecutableFile(atPath: testServer), "build rpccurl-test-server first")
        return try await withServer(
            ChildProcess(testServer, arguments), unixPath: arguments.firstIndex(of: "--unix").map { arguments[$0 + 1] },
            body)
    }

    /// Starts the grpcio server (stubs generated into a temporary directory), runs `body`, stops it.
    /// `arguments` go after the stubs directory (`--tls CERT KEY`, `--client-ca CA`, `--identity-only`).
    static func withPythonServer<T>(arguments: [String] = [], _ body: (Server) async throws -> T) async throws -> T {
        let stubs = try TemporaryPath.directory("rpccurl-stubs")
        defer { try? FileManager.default.removeItem(at: stubs) }
        let process = try ChildProcess(
            "/usr/bin/env", ["python3", pythonServer, Protoc.protosDirectory, stubs.path] + arguments)
        return try await withServer(process, unixPath: nil, body)
    }

    private static func withServer<T>(_ process: ChildProcess, unixPath: String?, _ body: (Server) async throws -> T)
        async throws -> T
    {
        defer { process.terminate() }
        let line = try await process.line(containing: "listening on ")
        let address = unixPath ?? String(line.dropFirst("listening on ".count))
        return try await body(Server(process: process, address: address))
    }
}

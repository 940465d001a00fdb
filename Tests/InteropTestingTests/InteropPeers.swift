import Foundation
import HTTP2Transport
import InteropTesting
import ProtocSupport
import RPCCore

/// Where the interop peers live: the built executables and the Python scripts.
enum InteropPeers {
    /// The build products directory holding this test bundle, `interop-server` and
    /// `interop-client` (`swift build` builds them; so does `swift test`).
    static let buildDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    /// The Python interop server and client.
    static let pythonDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Python")

    /// The path of a built executable.
    ///
    /// - Throws: ``ChildProcess/Failure`` when it has not been built.
    static func executable(_ name: String) throws -> String {
        let path = buildDirectory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ChildProcess.Failure(description: "\(path) is missing: run `swift build --product \(name)` first")
        }
        return path
    }

    /// Generates the Python grpc.testing stubs from the project's own protos into a fresh
    /// temporary directory, which the caller removes.
    static func generatePythonStubs() async throws -> URL {
        let directory = try TemporaryPath.directory("interop-stubs")
        let protos = ["empty", "messages", "test"].map { "\(Protoc.protosDirectory)/grpc/testing/\($0).proto" }
        _ = try await Protoc.runTool(
            "/usr/bin/env",
            [
                "python3", "-m", "grpc_tools.protoc", "-I\(Protoc.protosDirectory)",
                "--python_out=\(directory.path)", "--grpc_python_out=\(directory.path)",
            ] + protos)
        return directory
    }

    /// Starts our `interop-server` on a free port and returns it with the port; over TLS with
    /// the server certificate of `tls` when given.
    static func startSwiftServer(tls: TestCertificates? = nil) async throws -> (ChildProcess, Int) {
        let security =
            tls.map {
                ["--use_tls=true", "--tls_cert_file=\($0.serverCertificate)", "--tls_key_file=\($0.serverKey)"]
            } ?? ["--use_tls=false"]
        let server = try ChildProcess(try executable("interop-server"), ["--port=0"] + security)
        return (server, try await port(of: server, announcedAs: "interop-server listening on port "))
    }

    /// Starts the Python interop server on a free port and returns it with the port;
    /// `arguments` go after the stubs directory (`--without_deflate`); over TLS
    /// (`grpc.ssl_server_credentials`) with the server certificate of `tls` when given.
    static func startPythonServer(
        stubs: URL, arguments: [String] = [], tls: TestCertificates? = nil
    ) async throws -> (ChildProcess, Int) {
        let script = pythonDirectory.appendingPathComponent("interop_server.py").path
        let security = tls.map { [$0.serverCertificate, $0.serverKey] } ?? []
        let server = try ChildProcess("/usr/bin/env", ["python3", script, stubs.path] + arguments + security)
        return (server, try await port(of: server, announcedAs: "listening on port "))
    }

    /// Runs our `interop-client` for one case; returns whether it passed, and its output.
    /// Over TLS when `tls` is given: trusting `trustedCA` (the test CA by default) and
    /// expecting the certificate's name `serverNameOverride`.
    static func runSwiftClient(
        _ testCase: InteropTestCase, port: Int, tls: TestCertificates? = nil, trustedCA: String? = nil,
        serverNameOverride: String = TestCertificates.serverName
    ) async throws -> (passed: Bool, report: String) {
        let security =
            tls.map {
                [
                    "--use_tls=true", "--use_test_ca=true", "--ca_file=\(trustedCA ?? $0.certificateAuthority)",
                    "--server_host_override=\(serverNameOverride)",
                ]
            } ?? ["--use_tls=false"]
        let client = try ChildProcess(
            try executable("interop-client"),
            [
                "--server_host=127.0.0.1", "--server_port", "\(port)", "--test_case=\(testCase.rawValue)",
            ] + security)
        return (try await client.outcome().status == 0, client.report)
    }

    /// Runs the Python interop client for one case (with extra `arguments`, such as
    /// `--compression=deflate`); returns whether it passed, and its output. Over TLS
    /// (`grpc.ssl_channel_credentials`, trusting the test CA, with
    /// `grpc.ssl_target_name_override`) when `tls` is given.
    static func runPythonClient(
        _ testCase: InteropTestCase, port: Int, stubs: URL, arguments: [String] = [], tls: TestCertificates? = nil
    ) async throws -> (passed: Bool, report: String) {
        let security =
            tls.map {
                [
                    "--use_tls=true", "--ca_file=\($0.certificateAuthority)",
                    "--server_host_override=\(TestCertificates.serverName)",
                ]
            } ?? []
        let client = try ChildProcess(
            "/usr/bin/env",
            [
                "python3", pythonDirectory.appendingPathComponent("interop_client.py").path, "--stubs=\(stubs.path)",
                "--server_host=127.0.0.1", "--server_port", "\(port)", "--test_case=\(testCase.rawValue)",
            ] + arguments + security)
        return (try await client.outcome().status == 0, client.report)
    }

    private static func port(of server: ChildProcess, announcedAs prefix: String) async throws -> Int {
        let line = try await server.line(containing: prefix)
        guard let port = Int(line.replacingOccurrences(of: prefix, with: "").trimmingCharacters(in: .whitespaces))
        else {
            throw ChildProcess.Failure(description: "no port in '\(line)'")
        }
        return port
    }
}

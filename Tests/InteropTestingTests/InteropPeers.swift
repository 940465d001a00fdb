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
    static let pythonDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Python")

    /// The path of a built executable.
    ///
    /// - Throws: ``PeerProcess/Failure`` when it has not been built.
    static func executable(_ name: String) throws -> String {
        let path = buildDirectory.appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw PeerProcess.Failure(description: "\(path) is missing: run `swift build --product \(name)` first")
        }
        return path
    }

    /// Generates the Python grpc.testing stubs from the project's own protos into a fresh
    /// temporary directory, which the caller removes.
    static func generatePythonStubs() async throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("interop-stubs-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let protos = ["empty", "messages", "test"].map { "\(Protoc.protosDirectory)/grpc/testing/\($0).proto" }
        _ = try await Protoc.runTool("/usr/bin/env", [
            "python3", "-m", "grpc_tools.protoc", "-I\(Protoc.protosDirectory)",
            "--python_out=\(directory.path)", "--grpc_python_out=\(directory.path)",
        ] + protos)
        return directory
    }

    /// Starts our `interop-server` on a free port and returns it with the port.
    static func startSwiftServer() async throws -> (PeerProcess, Int) {
        let server = try PeerProcess(try executable("interop-server"), ["--port=0", "--use_tls=false"])
        return (server, try await port(of: server, announcedAs: "interop-server listening on port "))
    }

    /// Starts the Python interop server on a free port and returns it with the port;
    /// `arguments` go after the stubs directory (`--without_deflate`).
    static func startPythonServer(stubs: URL, arguments: [String] = []) async throws -> (PeerProcess, Int) {
        let script = pythonDirectory.appendingPathComponent("interop_server.py").path
        let server = try PeerProcess("/usr/bin/env", ["python3", script, stubs.path] + arguments)
        return (server, try await port(of: server, announcedAs: "listening on port "))
    }

    /// Runs our `interop-client` for one case; returns whether it passed, and its output.
    static func runSwiftClient(_ testCase: InteropTestCase, port: Int) async throws -> (passed: Bool, report: String) {
        let client = try PeerProcess(try executable("interop-client"), [
            "--server_host=127.0.0.1", "--server_port", "\(port)", "--test_case=\(testCase.rawValue)", "--use_tls=false",
        ])
        return (try await client.exitStatus() == 0, client.report)
    }

    /// Runs the Python interop client for one case (with extra `arguments`, such as
    /// `--compression=deflate`); returns whether it passed, and its output.
    static func runPythonClient(
        _ testCase: InteropTestCase, port: Int, stubs: URL, arguments: [String] = []
    ) async throws -> (passed: Bool, report: String) {
        let client = try PeerProcess("/usr/bin/env", [
            "python3", pythonDirectory.appendingPathComponent("interop_client.py").path, "--stubs=\(stubs.path)",
            "--server_host=127.0.0.1", "--server_port", "\(port)", "--test_case=\(testCase.rawValue)",
        ] + arguments)
        return (try await client.exitStatus() == 0, client.report)
    }

    private static func port(of server: PeerProcess, announcedAs prefix: String) async throws -> Int {
        let line = try await server.line(containing: prefix)
        guard let port = Int(line.replacingOccurrences(of: prefix, with: "").trimmingCharacters(in: .whitespaces)) else {
            throw PeerProcess.Failure(description: "no port in '\(line)'")
        }
        return port
    }
}

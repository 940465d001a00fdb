import ArgumentParser
import Foundation
import HTTP2Transport
import InteropTesting
import RPCCore
import TLSEngine

/// `interop-client`: runs one gRPC interop test case against a server over HTTP/2, plaintext
/// or TLS, with the official flags (`--server_host`, `--server_port`, `--test_case`,
/// `--use_tls`, `--use_test_ca`, `--ca_file`, `--server_host_override`); exits non-zero
/// saying what failed.
@main
struct InteropClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-client",
        abstract: "Runs one gRPC interop test case against a server over HTTP/2 (plaintext or TLS).",
        discussion: "Test cases: \(InteropTestCase.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Option(name: .customLong("server_host"), help: "The server's host name or address.")
    var serverHost = "localhost"

    @Option(
        name: .customLong("server_host_override"),
        help:
            "The host name sent as :authority, and with TLS as SNI and checked against the server's certificate, instead of --server_host."
    )
    var serverHostOverride: String?

    @Option(name: .customLong("server_port"), help: "The server's TCP port.")
    var serverPort: Int

    @Option(name: .customLong("test_case"), help: "The test case to run.")
    var testCase = InteropTestCase.largeUnary.rawValue

    @Option(name: .customLong("use_tls"), help: "Whether to connect with TLS (ALPN h2) instead of plaintext HTTP/2.")
    var useTLS = false

    @Option(
        name: .customLong("use_test_ca"),
        help: "With TLS: trust the test CA in --ca_file instead of the system's store.")
    var useTestCA = false

    @Option(name: .customLong("ca_file"), help: "With --use_test_ca=true: the PEM file of the test CA.")
    var caFile: String?

    func validate() throws {
        if useTLS, useTestCA, caFile == nil {
            throw ValidationError("--use_test_ca=true needs --ca_file: the gRPC test CA is not bundled")
        }
        guard InteropTestCase(rawValue: testCase) != nil else {
            let names = InteropTestCase.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown test case '\(testCase)'; valid test cases: \(names)")
        }
        guard (1...65_535).contains(serverPort) else {
            throw ValidationError("--server_port must be 1...65535, not \(serverPort)")
        }
    }

    func run() async throws {
        guard let testCase = InteropTestCase(rawValue: testCase) else { throw ExitCode.validationFailure }
        let trust: TrustRoots =
            useTestCA ? caFile.map(TrustRoots.certificateAuthorityFile) ?? .systemStore : .systemStore
        let transport = HTTP2ClientTransport(
            target: .tcp(host: serverHost, port: serverPort),
            authority: serverHostOverride.map { "\($0):\(serverPort)" },
            tls: useTLS ? TLSClientConfiguration(trustRoots: trust, serverNameOverride: serverHostOverride) : nil)
        let client = RPCClient(transport: transport)
        let outcome = await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await client.run() }
            defer { client.beginGracefulShutdown() }
            do throws(InteropTestFailure) {
                try await testCase.run(using: client)
                return Result<Void, InteropTestFailure>.success(())
            } catch {
                return .failure(error)
            }
        }
        switch outcome {
        case .success:
            print("test case \(testCase) passed")
        case .failure(let failure):
            FileHandle.standardError.write(Data("interop-client: \(failure)\n".utf8))
            throw ExitCode.failure
        }
    }
}

import ArgumentParser
import Foundation
import HTTP2Transport
import InteropTesting
import RPCCore

/// `interop-client`: runs one gRPC interop test case against a server over plaintext
/// HTTP/2, with the official flags (`--server_host`, `--server_port`, `--test_case`,
/// `--use_tls=false`); exits non-zero saying what failed.
@main
struct InteropClientCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop-client",
        abstract: "Runs one gRPC interop test case against a server over plaintext HTTP/2.",
        discussion: "Test cases: \(InteropTestCase.allCases.map(\.rawValue).joined(separator: ", ")).")

    @Option(name: .customLong("server_host"), help: "The server's host name or address.")
    var serverHost = "localhost"

    @Option(name: .customLong("server_host_override"), help: "The host name sent as :authority instead of --server_host.")
    var serverHostOverride: String?

    @Option(name: .customLong("server_port"), help: "The server's TCP port.")
    var serverPort: Int

    @Option(name: .customLong("test_case"), help: "The test case to run.")
    var testCase = InteropTestCase.largeUnary.rawValue

    @Option(name: .customLong("use_tls"), help: "Whether to use TLS; only false is supported for now.")
    var useTLS = false

    @Option(name: .customLong("use_test_ca"), help: "Whether to trust the gRPC test CA; meaningful with TLS only.")
    var useTestCA = false

    func validate() throws {
        guard !useTLS else {
            throw ValidationError("TLS comes with the production issue; this client speaks plaintext HTTP/2 only (--use_tls=false)")
        }
        guard InteropTestCase(rawValue: testCase) != nil else {
            let names = InteropTestCase.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown test case '\(testCase)'; valid test cases: \(names)")
        }
        guard (1...65_535).contains(serverPort) else { throw ValidationError("--server_port must be 1...65535, not \(serverPort)") }
    }

    func run() async throws {
        guard let testCase = InteropTestCase(rawValue: testCase) else { throw ExitCode.validationFailure }
        let transport = HTTP2ClientTransport(
            target: .tcp(host: serverHost, port: serverPort),
            authority: serverHostOverride.map { "\($0):\(serverPort)" })
        let client = RPCClient(transport: transport)
        let outcome = await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await client.runConnections() }
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

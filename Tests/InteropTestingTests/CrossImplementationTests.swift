import Foundation
import InteropTesting
import ProtocSupport
import Testing

/// Every interop case in the three directions over HTTP/2 on loopback, with the real
/// executables and Python grpcio peers (stubs generated from our own protos).
@Suite("Interop cases across implementations over HTTP/2", .serialized, .timeLimit(.minutes(5)))
struct CrossImplementationTests {
    @Test("our interop-client passes every case against our interop-server")
    func swiftClientAgainstSwiftServer() async throws {
        let (server, port) = try await InteropPeers.startSwiftServer()
        defer { server.terminate() }
        for testCase in InteropTestCase.allCases {
            let result = try await InteropPeers.runSwiftClient(testCase, port: port)
            #expect(result.passed, "\(testCase): \(result.report)")
        }
    }

    @Test("our interop-client passes every case against a Python grpcio interop server")
    func swiftClientAgainstPythonServer() async throws {
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (server, port) = try await InteropPeers.startPythonServer(stubs: stubs)
        defer { server.terminate() }
        for testCase in InteropTestCase.allCases {
            let result = try await InteropPeers.runSwiftClient(testCase, port: port)
            #expect(result.passed, "\(testCase): \(result.report)")
        }
    }

    @Test("a Python grpcio interop client passes every case against our interop-server")
    func pythonClientAgainstSwiftServer() async throws {
        let stubs = try await InteropPeers.generatePythonStubs()
        defer { try? FileManager.default.removeItem(at: stubs) }
        let (server, port) = try await InteropPeers.startSwiftServer()
        defer { server.terminate() }
        for testCase in InteropTestCase.allCases {
            let result = try await InteropPeers.runPythonClient(testCase, port: port, stubs: stubs)
            #expect(result.passed, "\(testCase): \(result.report)")
        }
    }

    @Test("interop-client rejects an unknown test case listing the valid ones, and --use_tls=true with a clear error")
    func commandLineErrors() async throws {
        let unknown = try PeerProcess(try InteropPeers.executable("interop-client"), ["--server_port=1", "--test_case=no_such_case"])
        #expect(try await unknown.exitStatus() != 0)
        #expect(unknown.standardError.contains("unknown test case 'no_such_case'"), "\(unknown.report)")
        #expect(unknown.standardError.contains(InteropTestCase.allCases.map(\.rawValue).joined(separator: ", ")))

        for (executable, port) in [("interop-client", "--server_port=1"), ("interop-server", "--port=1")] {
            let tls = try PeerProcess(try InteropPeers.executable(executable), [port, "--use_tls", "true"])
            #expect(try await tls.exitStatus() != 0)
            #expect(tls.standardError.contains("TLS comes with the production issue"), "\(tls.report)")
        }
    }

    @Test("interop-client fails with a non-zero status naming the case when the server is unreachable")
    func unreachableServer() async throws {
        let client = try PeerProcess(try InteropPeers.executable("interop-client"), ["--server_host=127.0.0.1", "--server_port=1", "--test_case=empty_unary"])
        #expect(try await client.exitStatus() == 1)
        #expect(client.standardError.contains("test case empty_unary failed"), "\(client.report)")
    }
}

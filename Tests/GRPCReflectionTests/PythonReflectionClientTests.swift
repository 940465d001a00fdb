import Foundation
import GRPCReflection
import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

@Suite("grpcio-reflection's client against our reflection service over HTTP/2")
struct PythonReflectionClientTests {
    private static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Python")

    @Test(
        "ProtoReflectionDescriptorDatabase lists services, resolves files, symbols and extensions, and gets KeyError for unknown symbols"
    )
    func pythonClient() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        try router.registerReflection(serializedFiles: try await ReflectionFixture.files().map { $0.serializedBytes() })
        let result = try await Self.run("reflection_client.py", against: router)
        #expect(
            result["services"] as? [String] == [
                "emittertest.v1.FeatureService", "grpc.reflection.v1.ServerReflection",
                "grpc.reflection.v1alpha.ServerReflection",
            ])
        #expect(result["byName"] as? String == "emittertest/features.proto")
        #expect(result["methods"] as? [String] == ["Get", "Watch", "Collect", "Chat", "All"])
        #expect(result["deeperFields"] as? [String] == ["note"])
        #expect(result["deeperFile"] as? String == "emittertest/features.proto")
        #expect(result["extensionNumbers"] as? [Int] == [100, 101])
        #expect(result["extensionFile"] as? String == "codectest/legacy.proto")
        #expect(result["missing"] as? String == "KeyError")
        #expect(result["missingExtensionCode"] as? Int == StatusCode.notFound.rawValue)
    }

    @Test(
        "registerReflection with no file list: grpcio resolves every registered service (Health included) and its imports"
    )
    func servedServices() async throws {
        let router = try RouterReflectionTests.router(for: HTTP2ServerTransport.self)
        let result = try await Self.run(
            "served_services.py", against: router, arguments: ["grpc.testing.SimpleRequest"])
        #expect(result["services"] as? [String] == RouterReflectionTests.servedServices)
        let methods = try #require(result["methods"] as? [String: [String]])
        #expect(methods["grpc.testing.TestService"]?.contains("FullDuplexCall") == true)
        #expect(methods["grpc.health.v1.Health"] == ["Check", "Watch"])
        let files = try #require(result["files"] as? [String: String])
        #expect(files["grpc.testing.TestService"] == "grpc/testing/test.proto")
        #expect(files["grpc.health.v1.Health"] == "grpc/health/v1/health.proto")
        #expect(files["grpc.testing.SimpleRequest"] == "grpc/testing/messages.proto")
    }

    /// Serves `router` over HTTP/2 on a free port, runs the Python `script` with the address
    /// and `arguments`, and returns the JSON object it prints.
    private static func run(
        _ script: String, against router: RPCRouter<HTTP2ServerTransport>, arguments: [String] = []
    ) async throws -> [String: Any] {
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(transport: transport, router: router)
        let path = scripts.appendingPathComponent(script).path
        let output = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                try await server.serve()
                return nil
            }
            let address = try await transport.listeningAddress()
            group.addTask {
                let outcome = try await ChildProcess.run(
                    "/usr/bin/env", ["python3", path, address.description] + arguments)
                #expect(outcome.status == 0, "\(outcome.stderr)")
                return Array(outcome.stdout.utf8)
            }
            var output: [UInt8] = []
            while let next = try await group.next() {
                if let next {
                    output = next
                    server.beginGracefulShutdown()
                }
            }
            return output
        }
        return try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
    }
}

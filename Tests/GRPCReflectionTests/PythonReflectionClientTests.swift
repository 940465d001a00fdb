import Foundation
import GRPCReflection
import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

@Suite("grpcio-reflection's client against our reflection service over HTTP/2")
struct PythonReflectionClientTests {
    private static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Python/reflection_client.py").path

    @Test("ProtoReflectionDescriptorDatabase lists services, resolves files, symbols and extensions, and gets KeyError for unknown symbols")
    func pythonClient() async throws {
        var router = RPCRouter<HTTP2ServerTransport>()
        try router.registerReflection(serializedFiles: try await ReflectionFixture.files().map { $0.serializedBytes() })
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(transport: transport, router: router)
        let output = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                try await server.serve()
                return nil
            }
            let address = try await transport.listeningAddress()
            group.addTask {
                let outcome = try await ChildProcess.run("/usr/bin/env", ["python3", Self.script, address.description])
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
        let result = try #require(try JSONSerialization.jsonObject(with: Data(output)) as? [String: Any])
        #expect(result["services"] as? [String] == [
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
}

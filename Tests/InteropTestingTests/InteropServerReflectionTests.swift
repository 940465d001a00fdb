import Foundation
import ProtocSupport
import Testing

/// Our `interop-server` describes itself by server reflection, as rpccurl (or grpcurl) sees it.
@Suite("interop-server serves reflection", .timeLimit(.minutes(2)))
struct InteropServerReflectionTests {
    @Test(
        "rpccurl list shows grpc.testing.TestService (and not the unserved UnimplementedService), and lists its methods"
    )
    func listsTestService() async throws {
        let (server, port) = try await InteropPeers.startSwiftServer()
        defer { server.terminate() }
        let rpccurl = try InteropPeers.executable("rpccurl")
        let services = try await ChildProcess.run(rpccurl, ["-plaintext", "127.0.0.1:\(port)", "list"])
        #expect(services.status == 0, "\(services.stderr)")
        #expect(
            services.stdout.split(separator: "\n") == [
                "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
                "grpc.testing.TestService",
            ])
        let methods = try await ChildProcess.run(
            rpccurl, ["-plaintext", "127.0.0.1:\(port)", "list", "grpc.testing.TestService"])
        #expect(methods.status == 0, "\(methods.stderr)")
        #expect(methods.stdout.contains("grpc.testing.TestService.UnaryCall\n"))
        #expect(methods.stdout.contains("grpc.testing.TestService.FullDuplexCall\n"))
    }
}

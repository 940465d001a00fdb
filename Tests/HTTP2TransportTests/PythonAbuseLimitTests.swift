import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

/// A grpcio client sending request metadata larger than the server's header list limit, then
/// an ordinary call on the same channel; prints each call's status code and details.
private let oversizedMetadataClient = #"""
    import sys
    import grpc

    channel = grpc.insecure_channel(sys.argv[1])
    get = channel.unary_unary("/echo.Echo/Get")
    for metadata in ([("x-big", "b" * 12000)], [("x-small", "s")]):
        try:
            get(b"x", timeout=10, metadata=metadata)
            print("status: OK", flush=True)
        except grpc.RpcError as error:
            print("status:", error.code().name, error.details(), flush=True)
    """#

@Suite("Abuse limits against a Python grpcio client", .timeLimit(.minutes(1)))
struct PythonAbuseLimitTests {
    @Test(
        "a grpcio client's request metadata over the server's header list limit fails RESOURCE_EXHAUSTED naming the limit; the next call succeeds"
    )
    func grpcioOversizedMetadataIsRefused() async throws {
        let script = TemporaryPath.file("grpc-big-metadata", suffix: ".py")
        try oversizedMetadataClient.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        var settings = HTTP2Settings()
        settings.maxHeaderListSize = 8192
        let server = try await RunningServer.start(settings: settings)
        let port = try server.address.tcpPort()
        let outcome = try await ChildProcess.run(
            "/usr/bin/env", ["GRPC_VERBOSITY=ERROR", "python3", script.path, "127.0.0.1:\(port)"])
        let output = outcome.stdout + outcome.stderr
        let lines = output.split(separator: "\n").filter { $0.hasPrefix("status:") }
        #expect(lines.count == 2, "\(output)")
        #expect(lines.first?.contains("RESOURCE_EXHAUSTED") == true, "\(output)")
        #expect(lines.first?.contains("8192") == true, "\(output)")
        #expect(lines.last == "status: OK", "\(output)")
        try await server.stop()
    }
}

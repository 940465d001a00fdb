import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

/// A grpcio client with keepalive far below gRPC's default server policy: one call, then it
/// idles while pinging as often as grpc-core allows (every second); on the fourth ping it gets
/// GOAWAY, which grpc-core reports on stderr.
private let aggressiveClient = #"""
    import sys, time
    import grpc

    options = [("grpc.keepalive_time_ms", 100), ("grpc.keepalive_timeout_ms", 5000),
               ("grpc.keepalive_permit_without_calls", 1), ("grpc.http2.max_pings_without_data", 0)]
    channel = grpc.insecure_channel(sys.argv[1], options=options)
    get = channel.unary_unary("/echo.Echo/Get")
    print("first call echoed:", get(b"x", timeout=10) == b"x", flush=True)
    time.sleep(6)
    print("second call echoed:", get(b"y", timeout=10) == b"y", flush=True)
    """#

@Suite("Ping policy against a Python grpcio client", .timeLimit(.minutes(2)))
struct PythonPingPolicyTests {
    @Test("a grpcio client with aggressive keepalive gets GOAWAY ENHANCE_YOUR_CALM too_many_pings, then reconnects")
    func grpcioClientGetsTooManyPings() async throws {
        let script = TemporaryPath.file("grpc-pinger", suffix: ".py")
        try aggressiveClient.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let server = try await RunningServer.start()
        let port = try server.address.tcpPort()
        let outcome = try await ChildProcess.run(
            "/usr/bin/env", ["GRPC_VERBOSITY=ERROR", "python3", script.path, "127.0.0.1:\(port)"])
        let output = outcome.stdout + outcome.stderr
        #expect(output.contains("first call echoed: True"), "\(output)")
        #expect(output.contains("too_many_pings"), "\(output)")
        #expect(output.contains("ENHANCE_YOUR_CALM"), "\(output)")
        #expect(output.contains("second call echoed: True"), "\(output)")
        try await server.stop()
    }
}

import Foundation
@testable import HTTP2Transport
import RPCCore
import Testing

/// A grpcio server whose Echo/Get answers after `x-delay-ms`, accepting pings every 100 ms.
private let pingTolerantServer = #"""
    import os, sys, time
    from concurrent import futures
    import grpc

    def get(request, context):
        delay = dict(context.invocation_metadata()).get("x-delay-ms")
        if delay:
            time.sleep(int(delay) / 1000)
        return request

    options = [("grpc.http2.min_ping_interval_without_data_ms", 100),
               ("grpc.keepalive_permit_without_calls", 1), ("grpc.http2.max_ping_strikes", 0)]
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=options)
    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler(
        "echo.Echo", {"Get": grpc.unary_unary_rpc_method_handler(get)}),))
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    server.wait_for_termination(timeout=60)
    """#

@Suite("Keepalive against a Python grpcio server", .timeLimit(.minutes(2)))
struct PythonKeepaliveTests {
    @Test(
        "our keepalive PINGs are answered by grpc-core during a long call; once the server process is stopped (SIGSTOP) a call fails UNAVAILABLE"
    )
    func keepaliveFindsStoppedServer() async throws {
        let server = try await PythonServerProcess(source: pingTolerantServer)
        defer { server.stop() }
        var settings = HTTP2Settings()
        settings.keepalive = ClientKeepalive(interval: .milliseconds(200), timeout: .milliseconds(500))
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: server.port), settings: settings)

        let slow = try await call(client, [[1]], metadata: ["x-delay-ms": "1500"])
        #expect(slow.status == .ok, "\(String(describing: slow.status))")
        #expect(slow.messages == [[1]])

        server.send(SIGSTOP)
        let started = ContinuousClock.now
        let stuck = try await call(client, [[2]])
        #expect(stuck.status?.code == .unavailable)
        #expect(stuck.status?.message.contains("keepalive PING") == true, "\(String(describing: stuck.status))")
        #expect(started.duration(to: .now) < .seconds(15))
        client.beginGracefulShutdown()
    }
}

import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

/// A Python grpcio peer speaking raw bytes (no protobuf): generic handlers and
/// `channel.unary_unary` without serializers, so only the transport is under test.
private let peerScript = #"""
    import json, sys, time
    from concurrent import futures
    import grpc

    def code_named(number):
        return next(c for c in grpc.StatusCode if c.value[0] == number)

    def serve(port_file):
        def get(request, context):
            metadata = dict(context.invocation_metadata())
            if "x-status" in metadata:
                context.abort(code_named(int(metadata["x-status"])), "asked for")
            context.send_initial_metadata((("x-echo", "yes"),))
            context.set_trailing_metadata((("x-trailer", "done"),))
            return request
        def stream(request, context):
            for _ in range(3):
                yield request
        handler = grpc.method_handlers_generic_handler("echo.Echo", {
            "Get": grpc.unary_unary_rpc_method_handler(get),
            "Stream": grpc.unary_stream_rpc_method_handler(stream),
        })
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
        server.add_generic_rpc_handlers((handler,))
        port = server.add_insecure_port("127.0.0.1:0")
        server.start()
        with open(port_file + ".tmp", "w") as f:
            f.write(str(port))
        import os
        os.rename(port_file + ".tmp", port_file)
        server.wait_for_termination(timeout=60)

    def call(target):
        channel = grpc.insecure_channel(target)
        get = channel.unary_unary("/echo.Echo/Get")
        response, c = get.with_call(b"hello", metadata=(("x-trace", "1"),), timeout=10)
        out = {"echo": response.decode(), "initial": dict(c.initial_metadata()),
               "trailing": dict(c.trailing_metadata()), "code": c.code().name}
        try:
            get(b"x", metadata=(("x-status", "5"),), timeout=10)
        except grpc.RpcError as e:
            out["failCode"] = e.code().name
            out["failDetails"] = e.details()
        big = bytes(range(256)) * 4096
        out["bigEchoed"] = get(big, timeout=10) == big
        futures_ = [get.future(bytes([i]), timeout=10) for i in range(100)]
        out["concurrentEchoed"] = all(f.result() == bytes([i]) for i, f in enumerate(futures_))
        print(json.dumps(out))

    if sys.argv[1] == "serve":
        serve(sys.argv[2])
    else:
        call(sys.argv[2])
    """#

private struct PythonReport: Decodable {
    var echo: String
    var initial: [String: String]
    var trailing: [String: String]
    var code: String
    var failCode: String?
    var failDetails: String?
    var bigEchoed: Bool
    var concurrentEchoed: Bool
}

@Suite("Interoperability with Python grpcio", .timeLimit(.minutes(2)))
struct PythonInteropTests {
    private func writeScript() throws -> URL {
        let url = TemporaryPath.file("grpc-peer", suffix: ".py")
        try peerScript.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a grpcio client's unary calls, errors, 1 MiB message and 100 concurrent calls work against our server")
    func grpcioClientAgainstOurServer() async throws {
        let script = try writeScript()
        defer { try? FileManager.default.removeItem(at: script) }
        let server = try await RunningServer.start()
        let port = try server.address.tcpPort()
        let outcome = try await ChildProcess.run("/usr/bin/env", ["python3", script.path, "call", "127.0.0.1:\(port)"])
        let line = outcome.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let report = try #require(
            try? JSONDecoder().decode(PythonReport.self, from: Data(line.utf8)),
            "python said:\n\(outcome.stdout)\(outcome.stderr)")
        #expect(report.echo == "hello")
        #expect(report.code == "OK")
        #expect(report.initial["x-echo"] == "yes")
        #expect(report.trailing["x-trailer"] == "done")
        #expect(report.failCode == "NOT_FOUND")
        #expect(report.failDetails == "asked for")
        #expect(report.bigEchoed)
        #expect(report.concurrentEchoed)
        try await server.stop()
    }

    @Test("our client's calls to a grpcio server: echo, Trailers-Only error, 1 MiB message, server streaming")
    func ourClientAgainstGrpcioServer() async throws {
        let server = try await PythonServerProcess(source: peerScript, arguments: ["serve"])
        defer { server.stop() }
        let client = HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: server.port))

        let echo = try await call(client, [Array("hi".utf8)])
        #expect(echo.status == .ok)
        #expect(echo.messages == [Array("hi".utf8)])
        #expect(echo.metadata?.firstString(forKey: "x-echo") == "yes")
        #expect(echo.trailers?.firstString(forKey: "x-trailer") == "done")

        let failed = try await call(client, [[1]], metadata: ["x-status": "7"])
        #expect(failed.status?.code == .permissionDenied)
        #expect(failed.status?.message == "asked for")

        let big = (0..<(1 << 20)).map { UInt8(truncatingIfNeeded: $0) }
        let bigEcho = try await call(client, [big])
        #expect(bigEcho.status == .ok)
        #expect(bigEcho.messages == [big])

        let streamed = try await call(client, [[4, 2]], method: "Stream")
        #expect(streamed.status == .ok)
        #expect(streamed.messages == [[4, 2], [4, 2], [4, 2]])
        client.beginGracefulShutdown()
    }
}

import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

/// Runs `h2load` (Debian nghttp2-client) against the echo server: an independent HTTP/2
/// client hammering unary gRPC calls on 4 connections × 64 concurrent streams.
@Suite("h2load against the server transport", .timeLimit(.minutes(2)))
struct H2LoadTests {
    @Test("h2load's 20,000 unary gRPC echoes over 4 connections all succeed")
    func h2loadUnaryEcho() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/h2load") else {
            Issue.record("h2load is missing: apt-get install nghttp2-client")
            return
        }
        let server = try await RunningServer.start()
        guard case .tcp(_, let port) = server.address else { return }
        let body = FileManager.default.temporaryDirectory.appendingPathComponent("h2load-body-\(port).bin")
        try Data([0, 0, 0, 0, 5, 0x0a, 0x03, 0x61, 0x62, 0x63]).write(to: body)
        defer { try? FileManager.default.removeItem(at: body) }

        let requests = 20_000
        let cpuBefore = processCPUTime()
        let output = try await ChildProcess.run("/usr/bin/h2load", [
            "-n", String(requests), "-c", "4", "-m", "64", "-d", body.path,
            "-H", "content-type: application/grpc", "-H", "te: trailers",
            "http://127.0.0.1:\(port)/echo.Echo/Get",
        ]).stdout
        let summary = output.split(separator: "\n").filter { $0.contains("requests:") || $0.contains("finished in") || $0.contains("status codes:") }
        let cpuPerCall = (processCPUTime() - cpuBefore) / .microseconds(1) / Double(requests)
        print(summary.joined(separator: "\n"))
        print("server process CPU per call: \(Int(cpuPerCall.rounded())) µs (every thread of the test process; h2load is separate)")
        #expect(output.contains("\(requests) succeeded"), "h2load said:\n\(output)")
        #expect(output.contains("\(requests) 2xx"))
        try await server.stop()
    }
}

import Foundation
@testable import HTTP2Transport
import ProtocSupport
import RPCCore
import Synchronization
import Testing

/// Runs `h2load` (Debian nghttp2-client) against the server transport: an independent HTTP/2
/// client hammering unary gRPC calls on 4 connections × 64 concurrent streams. h2load only
/// sees HTTP statuses, and a failed gRPC call is still HTTP 200, so the server counts the OK
/// statuses it sent, and one call through nghttp shows the trailers on the wire.
@Suite("h2load against the server transport", .timeLimit(.minutes(2)))
struct H2LoadTests {
    /// The calls whose OK status the server transport accepted for sending.
    final class OKStatuses: Sendable {
        let count = Atomic<Int>(0)
    }

    /// Echoes a unary request with OK, counting the OK statuses written.
    static func countingEcho(_ sent: OKStatuses)
        -> @Sendable (RPCStream<HTTP2RequestStream, HTTP2ResponseWriter>, ServerContext) async -> Void
    {
        { stream, _ in
            do throws(RPCError) {
                let request = try await stream.inbound.readUnaryRequest()
                try await stream.outbound.write(.metadata([:]))
                try await stream.outbound.write(.message(request.message))
                try await stream.outbound.write(.status(.ok, [:]))
                sent.count.add(1, ordering: .relaxed)
            } catch {
                try? await stream.outbound.write(.status(error.status, [:]))
            }
        }
    }

    @Test("h2load's 20,000 unary gRPC echoes over 4 connections all end with grpc-status 0")
    func h2loadUnaryEcho() async throws {
        for tool in ["/usr/bin/h2load", "/usr/bin/nghttp"] {
            try #require(
                FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: apt-get install nghttp2-client"
            )
        }
        let sent = OKStatuses()
        let server = try await RunningServer.start(handler: Self.countingEcho(sent))
        let port = try server.address.tcpPort()
        let body = TemporaryPath.file("h2load-body", suffix: ".bin")
        try Data([0, 0, 0, 0, 5, 0x0a, 0x03, 0x61, 0x62, 0x63]).write(to: body)
        defer { try? FileManager.default.removeItem(at: body) }
        let url = "http://127.0.0.1:\(port)/echo.Echo/Get"
        let grpcHeaders = ["-H", "content-type: application/grpc", "-H", "te: trailers"]

        let requests = 20_000
        let cpuBefore = processCPUTime()
        let output = try await ChildProcess.run(
            "/usr/bin/h2load", ["-n", String(requests), "-c", "4", "-m", "64", "-d", body.path] + grpcHeaders + [url]
        ).stdout
        let summary = output.split(separator: "\n").filter {
            $0.contains("requests:") || $0.contains("finished in") || $0.contains("status codes:")
        }
        let cpuPerCall = (processCPUTime() - cpuBefore) / .microseconds(1) / Double(requests)
        print(summary.joined(separator: "\n"))
        print(
            "server process CPU per call: \(Int(cpuPerCall.rounded())) µs (every thread of the test process; h2load is separate)"
        )
        #expect(output.contains("\(requests) succeeded"), "h2load said:\n\(output)")
        #expect(output.contains("\(requests) 2xx"))
        #expect(sent.count.load(ordering: .relaxed) == requests)

        let verbose = try await ToolProcess.run("/usr/bin/nghttp", ["-v", "-d", body.path] + grpcHeaders + [url])
        let received = String(decoding: verbose.stdout, as: UTF8.self)
        #expect(received.contains("grpc-status: 0"), "nghttp said:\n\(received)")
        #expect(sent.count.load(ordering: .relaxed) == requests + 1)
        try await server.stop()
    }
}

import Foundation
import GRPCHealth
import HTTP2Transport
import ProtocSupport
import RPCCore
import Testing

private struct PythonHealthReport: Decodable {
    var overall: String
    var known: String
    var unknown: String
    var watched: [String]
}

@Suite("Health service against grpcio-health-checking over HTTP/2", .timeLimit(.minutes(2)))
struct HealthPythonInteropTests {
    @Test("grpcio-health-checking's client sees Check statuses, NOT_FOUND, and every Watch change")
    func pythonHealthClient() async throws {
        let health = HealthService()
        health.setStatus(.notServing, forService: "pinit.v1.ScheduleService")
        var router = RPCRouter<HTTP2ServerTransport>()
        health.registerMethods(with: &router)
        let transport = HTTP2ServerTransport(address: .tcp(host: "127.0.0.1", port: 0))
        let server = RPCServer(transport: transport, router: router)
        let serving = Task { try await server.serve() }
        let address = try await transport.listeningAddress()
        guard case .tcp(_, let port) = address else {
            Issue.record("the server listens on \(address), not TCP")
            server.beginGracefulShutdown()
            return
        }

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Python/health_client.py").path
        let python = try ChildProcess("/usr/bin/env", ["python3", script, "127.0.0.1:\(port)"])
        defer { python.terminate() }
        _ = try await python.line(containing: "watching")
        health.setStatus(.serving, forService: "watched")
        health.setStatus(.notServing, forService: "watched")
        health.removeStatus(forService: "watched")
        #expect(try await python.outcome().status == 0, "\(python.report)")

        let line = python.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        let report = try #require(
            try? JSONDecoder().decode(PythonHealthReport.self, from: Data(line.utf8)), "\(python.report)")
        #expect(report.overall == "SERVING")
        #expect(report.known == "NOT_SERVING")
        #expect(report.unknown == "NOT_FOUND")
        #expect(report.watched == ["SERVICE_UNKNOWN", "SERVING", "NOT_SERVING", "SERVICE_UNKNOWN"])

        health.shutDown()
        server.beginGracefulShutdown()
        try await serving.value
    }
}

import Foundation
import GRPCHealth
import HTTP2Transport
import RPCCore
import Testing

@Suite("pinit service processes")
struct ServiceLifecycleTests {
    @Test("both services report SERVING over grpc.health.v1 and exit 0 on SIGTERM, the notification service promptly even while the relay's stream is open",
          .timeLimit(.minutes(1)))
    func healthAndGracefulShutdown() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pinit-health-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let notification = PinitProcess(
            name: "notification-service", dataDirectory: root.appendingPathComponent("notification"), arguments: [])
        try await notification.start()
        let task = PinitProcess(
            name: "task-service", dataDirectory: root.appendingPathComponent("task"),
            arguments: ["--notification-address", notification.address])
        try await task.start()
        for (process, service) in [(task, "pinit.v1.TaskService"), (notification, "pinit.v1.NotificationService")] {
            let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: process.port)))
            var request = Grpc_Health_V1_HealthCheckRequest()
            request.service = service
            let response = try await Grpc_Health_V1_Health.Client(wrapping: client).check(ClientRequest(message: request))
            #expect(response.message.status == .serving)
            client.beginGracefulShutdown()
        }
        try await Task.sleep(for: .milliseconds(300))
        let stopping = ContinuousClock.now
        #expect(await notification.stop(signal: SIGTERM) == 0)
        #expect(stopping.duration(to: .now) < .seconds(4), "drained instead of waiting out the 8 s grace period")
        #expect(await task.stop(signal: SIGTERM) == 0)
    }
}

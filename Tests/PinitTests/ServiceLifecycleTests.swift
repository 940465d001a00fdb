import Foundation
import GRPCHealth
import HTTP2Transport
import PinitProtos
import ProtoCodec
import RPCCore
import Testing

@Suite("pinit service processes")
struct ServiceLifecycleTests {
    @Test(
        "both services report SERVING over grpc.health.v1 and exit 0 on SIGTERM, the notification service promptly even while the relay's stream is open",
        .timeLimit(.minutes(1)))
    func healthAndGracefulShutdown() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-health-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let (notification, task) = try await PinitProcess.startServices(in: root)
        for (process, service) in [(task, "pinit.v1.TaskService"), (notification, "pinit.v1.NotificationService")] {
            let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: process.port)))
            var request = Grpc_Health_V1_HealthCheckRequest()
            request.service = service
            let response = try await Grpc_Health_V1_Health.Client(wrapping: client).check(
                ClientRequest(message: request))
            #expect(response.message.status == .serving)
            client.beginGracefulShutdown()
        }
        try await Task.sleep(for: .milliseconds(300))
        let stopping = ContinuousClock.now
        #expect(await notification.stop(signal: SIGTERM) == 0)
        #expect(stopping.duration(to: .now) < .seconds(4), "drained instead of waiting out the 8 s grace period")
        #expect(await task.stop(signal: SIGTERM) == 0)
        for process in [notification, task] {
            let log = try String(contentsOf: process.logFile, encoding: .utf8)
            #expect(!log.contains(" warning ") && !log.contains(" error "), "a normal SIGTERM logs no warnings: \(log)")
        }
    }

    @Test(
        "a task service whose notification service is down waits quietly and stops on SIGTERM without a warning",
        .timeLimit(.minutes(1)))
    func quietWhilePeerIsDown() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-down-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let task = PinitProcess(
            name: "task-service", dataDirectory: root.appendingPathComponent("task"),
            arguments: ["--notification-address", "127.0.0.1:1"])
        try await task.start()
        let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: task.port)))
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = "alice"
        request.title = "Stand-up"
        request.startTime = Google_Protobuf_Timestamp(milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 60_000)
        _ = try await Pinit_V1_TaskService.Client(wrapping: client).createSchedule(ClientRequest(message: request))
        client.beginGracefulShutdown()
        try await Task.sleep(for: .seconds(2))
        #expect(await task.stop(signal: SIGTERM) == 0)
        let log = try String(contentsOf: task.logFile, encoding: .utf8)
        #expect(!log.contains(" warning ") && !log.contains(" error "), "\(log)")
        #expect(log.split(separator: "\n").count <= 4, "\(log)")
    }

    @Test(
        "a call still open at SIGTERM is cancelled after the 8 s grace period; then the service closes its database and exits 0",
        .timeLimit(.minutes(1)))
    func gracePeriodEndsOpenCalls() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-grace-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let (notification, task) = try await PinitProcess.startServices(in: root)
        let client = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: task.port)))
        // A unary Check whose request never comes: the handler waits for it until cancelled.
        let stuck = Task {
            try await client.bidirectionalStreaming(
                request: StreamingClientRequest<Grpc_Health_V1_HealthCheckRequest> { _ in
                    try await Task.sleep(for: .seconds(50))
                },
                descriptor: Grpc_Health_V1_Health.Method.check, responseType: Grpc_Health_V1_HealthCheckResponse.self
            ) { response in
                for try await _ in response.messages {}
            }
        }
        try await Task.sleep(for: .milliseconds(500))
        let stopping = ContinuousClock.now
        #expect(await task.stop(signal: SIGTERM) == 0)
        let took = stopping.duration(to: .now)
        #expect(took >= .seconds(7) && took < .seconds(14), "the grace period bounds the shutdown: \(took)")
        let outcome = await stuck.result
        stuck.cancel()
        #expect(throws: RPCError.self) { try outcome.get() }
        let log = try String(contentsOf: root.appendingPathComponent("task/task-service.log"), encoding: .utf8)
        #expect(log.contains("task service stopped; database closed"), "\(log)")
        client.beginGracefulShutdown()
        #expect(await notification.stop(signal: SIGTERM) == 0)
    }
}

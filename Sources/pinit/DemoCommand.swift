import ArgumentParser
import Foundation
import HTTP2Transport
import PinitProtos
import RPCCore

/// `pinit demo`: starts both services as separate processes on free loopback ports with fresh
/// databases, plays ``DemoScenario``, stops them with SIGTERM and audits the outcome.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo", abstract: "Run both services and a scenario end to end.")

    @Flag(help: "Keep the temporary directory (databases, push file, service logs).")
    var keep = false

    @Option(
        name: .customLong("web-push-service"),
        help:
            "The tests' Python Web Push service (Tests/ProtocSupport/Python/push_service.py): with it, dave's browser subscription gets its push over Web Push, verified and decrypted there."
    )
    var webPushService: String?

    func run() async throws {
        StandardOutput.flushEachLine()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-demo-\(UUID().uuidString.prefix(8))")
        let taskData = root.appendingPathComponent("task")
        let notificationData = root.appendingPathComponent("notification")
        let pushFile = root.appendingPathComponent("pushes.jsonl")
        defer { if !keep { try? FileManager.default.removeItem(at: root) } }

        // Unix sockets in the run's directory: each service's address is known before either
        // starts, and each names the other (the relay's peer, the push's confirmation).
        let taskListen = TransportAddress.unix(path: root.appendingPathComponent("task.sock").path)
        let notificationListen = TransportAddress.unix(path: root.appendingPathComponent("notification.sock").path)
        var pushService: DemoPushService?
        if let webPushService {
            pushService = try await DemoPushService.start(
                script: webPushService, in: root.appendingPathComponent("webpush"))
        }
        defer { pushService?.stop() }
        let notification = try ServiceProcess(
            name: "notification-service", listen: notificationListen, dataDirectory: notificationData,
            arguments: ["--push-file", pushFile.path, "--task-address", taskListen.description]
                + (pushService?.arguments ?? []))
        let task = try ServiceProcess(
            name: "task-service", listen: taskListen, dataDirectory: taskData,
            arguments: ["--notification-address", notificationListen.description])
        let notificationAddress = try await notification.address()
        let taskAddress = try await task.address()
        print("demo: notification service pid \(notification.processIdentifier) on \(notificationAddress)")
        print("demo: task service pid \(task.processIdentifier) on \(taskAddress)")

        let taskClient = RPCClient(transport: HTTP2ClientTransport(target: try TransportAddress(parsing: taskAddress)))
        let notificationClient = RPCClient(
            transport: HTTP2ClientTransport(target: try TransportAddress(parsing: notificationAddress)))
        var scenario = DemoScenario(
            tasks: Pinit_V1_TaskService.Client(wrapping: taskClient),
            notifications: Pinit_V1_NotificationService.Client(wrapping: notificationClient),
            webPush: pushService.map {
                Pinit_V1_WebPushSubscription(endpoint: $0.endpoint, p256dh: $0.p256dh, auth: $0.auth)
            })
        try await scenario.play()
        try await scenario.awaitNotifications(timeout: .seconds(20))
        try await Task.sleep(for: .seconds(1))
        taskClient.beginGracefulShutdown()
        notificationClient.beginGracefulShutdown()

        scenario.say("demo           SIGTERM to the task service (it flushes its relay), then the notification service")
        let taskStatus = await task.terminate()
        let notificationStatus = await notification.terminate()
        scenario.say(
            "demo           task service exited \(taskStatus), notification service exited \(notificationStatus)")

        var audit = try await ServiceStores.open(postgres: nil, taskData: taskData, notificationData: notificationData)
            .use {
                try await DeliveryAudit.load(tasks: $0.tasks, notifications: $0.notifications, pushFile: pushFile)
            }
        let webPushed = try pushService?.deliveries() ?? []
        let webPushKeys = Set(webPushed.map(\.notificationID).filter { !$0.isEmpty })
        audit.timeline =
            (audit.timeline
            + webPushed.map { DeliveryAudit.TimelineEntry(time: $0.time, text: "web push       \($0.text)") })
            .sorted { $0.time < $1.time }
        print("\ntimeline (from the databases, the push file and the Web Push service):")
        let start = audit.timeline.first?.time ?? 0
        for entry in audit.timeline {
            print(String(format: "%+7.2fs  ", Double(entry.time - start) / 1000) + entry.text)
        }
        if keep { print("\nkept \(root.path)") }
        print(audit.summary(prefix: "demo"))
        let expectedSent = scenario.expectations.filter(\.pushed).count
        if pushService != nil { print("demo: \(webPushKeys.count) sent over Web Push, decrypted by the push service") }
        guard audit.sent + webPushKeys.count == expectedSent, webPushed.count == webPushKeys.count,
            audit.suppressed == 1,
            audit.duplicates == 0, audit.lost == 0, audit.wrong == 0,
            taskStatus == 0, notificationStatus == 0
        else {
            throw ValidationError(
                "the run did not go as expected (wanted \(expectedSent) sent, 1 suppressed, 0 duplicates, 0 lost, 0 wrong, clean exits)"
            )
        }
    }
}

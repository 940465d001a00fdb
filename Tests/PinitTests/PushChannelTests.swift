import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import ProtocSupport
import RPCCore
import Testing

@Suite("pinit with several push senders")
struct PushChannelTests {
    @Test(
        "--push webpush,file: a token device goes to the file, a Web Push subscription to its push service (decrypted there), an FCM device is refused; a user whose only subscription answers 410 gets UNREGISTERED and loses it",
        .timeLimit(.minutes(1)))
    func webPushAndFile() async throws {
        let service = try await LocalPushService(answers: ["alice": [(201, [:])], "bob": [(410, [:])]])
        defer { service.stop() }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-push-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let vapidFile = root.appendingPathComponent("vapid.pem")
        try Data(try service.vapidKey.pem().utf8).write(to: vapidFile)
        let pushFile = root.appendingPathComponent("pushes.jsonl")
        let (notification, task) = try await PinitProcess.startServices(
            in: root,
            notificationArguments: [
                "--push", "webpush,file", "--push-file", pushFile.path, "--vapid-private-key", vapidFile.path,
                "--vapid-subject", "mailto:ops@example.com", "--push-ca-file",
                service.certificates.certificateAuthority,
            ])
        let notificationClient = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: notification.port)))
        let taskClient = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: task.port)))
        let notifications = Pinit_V1_NotificationService.Client(wrapping: notificationClient)
        var phone = Pinit_V1_RegisterDeviceRequest()
        phone.ownerId = "alice"
        phone.deviceToken = "alice-phone"
        _ = try await notifications.registerDevice(ClientRequest(message: phone))
        // No FCM sender runs (--push webpush,file): an FCM device is refused, not kept in vain.
        var android = Pinit_V1_RegisterDeviceRequest()
        android.ownerId = "alice"
        android.fcmToken = "alice-android"
        do {
            _ = try await notifications.registerDevice(ClientRequest(message: android))
            Issue.record("an FCM device was registered on a service without an FCM sender")
        } catch {
            #expect(error.code == .failedPrecondition)
            #expect(error.message.contains("fcm"))
        }
        for owner in ["alice", "bob"] {
            let subscriber = service.subscribers[owner]!
            var browser = Pinit_V1_RegisterDeviceRequest()
            browser.ownerId = owner
            browser.webPush = Pinit_V1_WebPushSubscription(
                endpoint: subscriber.endpoint, p256dh: subscriber.p256dh, auth: subscriber.auth)
            _ = try await notifications.registerDevice(ClientRequest(message: browser))
            var create = Pinit_V1_CreateScheduleRequest()
            create.ownerId = owner
            create.title = "Stand-up for \(owner)"
            create.startTime = Google_Protobuf_Timestamp(
                milliseconds: Int64(Date().timeIntervalSince1970 * 1000) + 1_500)
            _ = try await Pinit_V1_TaskService.Client(wrapping: taskClient).createSchedule(
                ClientRequest(message: create))
        }
        var decided: [String: Pinit_V1_Notification] = [:]
        let deadline = ContinuousClock.now + .seconds(20)
        while decided.count < 2 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(200))
            for owner in ["alice", "bob"] {
                var list = Pinit_V1_ListNotificationsRequest()
                list.ownerId = owner
                decided[owner] = try await notifications.listNotifications(ClientRequest(message: list)) { response in
                    var all: [Pinit_V1_Notification] = []
                    for try await notification in response.messages { all.append(notification) }
                    return all
                }.first
            }
        }
        var gone = Pinit_V1_UnregisterDeviceRequest()
        gone.deviceToken = service.subscribers["bob"]!.endpoint
        await #expect(throws: RPCError.self, "bob's expired subscription is still stored") {
            try await notifications.unregisterDevice(ClientRequest(message: gone))
        }
        taskClient.beginGracefulShutdown()
        notificationClient.beginGracefulShutdown()
        #expect(await task.stop(signal: SIGTERM) == 0)
        #expect(await notification.stop(signal: SIGTERM) == 0)

        #expect(decided["alice"]?.outcome == .sent)
        #expect(decided["bob"]?.outcome == .unregistered)
        #expect(decided["bob"]?.reason.contains("HTTP 410") == true)
        #expect(try pushFileKeys(pushFile) == [decided["alice"]?.notificationId ?? "?"])
        let received = try service.received()
        #expect(received.allSatisfy { $0["error"] == nil }, "\(received)")
        let alice = try #require(received.first { $0["name"] as? String == "alice" })
        #expect((alice["payload"] as? String)?.contains("Stand-up for alice") == true)
    }
}

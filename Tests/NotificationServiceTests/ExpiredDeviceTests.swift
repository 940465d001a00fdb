import Foundation
@testable import NotificationService
import PinitProtos
import Synchronization
import Testing

/// A provider taking one device per request, answering each device key with its script in
/// order (the last answer repeats), through the real ``DeviceFanOut``.
private final class ScriptedDeviceSender: PushSender {
    private let scripts: [String: [DeviceDelivery]]
    private let fanOut = DeviceFanOut()
    /// (notification id, device key) of every request, in order.
    let requests = Mutex<[String]>([])

    init(_ scripts: [String: [DeviceDelivery]]) { self.scripts = scripts }

    func send(_ push: Push) async throws -> PushReceipt {
        try await fanOut.send(push) { device in
            let count = self.requests.withLock { requests in
                requests.append("\(push.idempotencyKey) \(device.key)")
                return requests.filter { $0.hasSuffix(" \(device.key)") }.count
            }
            let script = self.scripts[device.key] ?? [.delivered]
            return script[min(count, script.count) - 1]
        }
    }
}

@Suite("Expired devices", .sharedTemporaryPostgres)
struct ExpiredDeviceTests {
    @Test(
        "devices answered as expired are removed; a user with no device left gets UNREGISTERED with the reason, a user with one left gets SENT; a device that keeps failing leaves its job to be retried; no device gets one notification twice",
        arguments: StoreKind.allCases)
    func expiredDevices(_ kind: StoreKind) async throws {
        let peer = try TaskServicePeer(clock: { 0 })
        let store = try await kind.makeStore()
        try await store.registerDevice(.fcm(token: "alice-gone"), ownerID: "alice", at: 0)
        try await store.registerDevice(.fcm(token: "bob-gone"), ownerID: "bob", at: 0)
        try await store.registerDevice(.fcm(token: "bob-ok"), ownerID: "bob", at: 0)
        try await store.registerDevice(.fcm(token: "carol-ok"), ownerID: "carol", at: 0)
        try await store.registerDevice(.fcm(token: "carol-down"), ownerID: "carol", at: 0)
        for owner in ["alice", "bob", "carol"] { _ = try await peer.create(owner, start: 1_000) }
        try await peer.relay(to: store)
        let sender = ScriptedDeviceSender([
            "alice-gone": [.unregistered(reason: "HTTP 410")], "bob-gone": [.unregistered(reason: "UNREGISTERED")],
            "carol-down": [.failed(PushFailure(.retryable(after: nil), "HTTP 503"))],
        ])
        let now = Mutex<Int64>(2_000)
        let scheduler = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "w", clock: { now.withLock { $0 } })
        _ = try await scheduler.sendDueNotifications()
        now.withLock { $0 = 600_000 }
        _ = try await scheduler.sendDueNotifications()

        #expect(try await store.deviceTokens(ownerID: "alice").isEmpty)
        #expect(try await store.deviceTokens(ownerID: "bob") == ["bob-ok"])
        #expect(try await store.deviceTokens(ownerID: "carol") == ["carol-down", "carol-ok"])
        let alice = try #require(try await store.notifications(ownerID: "alice").first)
        #expect(alice.outcome == .unregistered)
        #expect(alice.reason == "HTTP 410")
        let bob = try #require(try await store.notifications(ownerID: "bob").first)
        #expect(bob.outcome == .sent)
        #expect(bob.reason.contains("UNREGISTERED"))
        #expect(try await store.notifications(ownerID: "carol").isEmpty, "carol's job was decided instead of retried")
        let requests = sender.requests.withLock { $0 }
        #expect(requests.filter { $0.hasSuffix(" carol-ok") }.count == 1)
        #expect(requests.filter { $0.hasSuffix(" carol-down") }.count == 2)
        try await peer.stop()
        try await store.close()
    }
}

@Suite("Device registration", .sharedTemporaryPostgres)
struct DeviceRegistrationTests {
    private static let point = "BOwS30zD22DiksEfNk3AneZ0LXQ0hr_hU-hRv9X1SiIZRfzt9Ue6fYiv44xSHjBNlvitixf5Xt6JNldtCFrb_Q4"

    private func request(
        endpoint: String = "https://push.example/sub/1", p256dh: String = point,
        auth: String = "AAAAAAAAAAAAAAAAAAAAAA",
        fcm: String = ""
    ) -> Pinit_V1_RegisterDeviceRequest {
        var request = Pinit_V1_RegisterDeviceRequest()
        request.ownerId = "alice"
        request.fcmToken = fcm
        request.webPush = Pinit_V1_WebPushSubscription(endpoint: endpoint, p256dh: p256dh, auth: auth)
        return request
    }

    @Test("a subscription as toJSON() gives it is accepted; each bad field is refused by name")
    func validation() throws {
        #expect(try NotificationServiceHandler.device(of: request()).kind == .webPush)
        let refused: [(Pinit_V1_RegisterDeviceRequest, String)] = [
            (request(endpoint: "http://push.example/sub/1"), "web_push.endpoint"),
            (request(endpoint: "not a url"), "web_push.endpoint"),
            (request(p256dh: String(Self.point.dropLast(2))), "web_push.keys.p256dh"),
            (request(p256dh: "+/" + Self.point.dropFirst(2)), "web_push.keys.p256dh"),
            (request(p256dh: "BB" + Self.point.dropFirst(2)), "web_push.keys.p256dh"),
            (request(auth: "AAAA"), "web_push.keys.auth"),
            (request(fcm: "token"), "device_token"),
        ]
        for (message, field) in refused {
            do {
                _ = try NotificationServiceHandler.device(of: message)
                Issue.record("a bad \(field) was accepted")
            } catch {
                #expect(error.field == field, "\(error)")
            }
        }
        var fcm = Pinit_V1_RegisterDeviceRequest()
        fcm.fcmToken = "has space"
        #expect(
            throws: DeviceValidation.Failure(
                field: "fcm_token", problem: "must be 1 to 4096 printable ASCII characters without spaces")
        ) {
            try NotificationServiceHandler.device(of: fcm)
        }
    }

    @Test(
        "a subscription is stored whole and read back; a token device reads back as one; removal is by endpoint",
        arguments: StoreKind.allCases)
    func storage(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let subscription = WebPushSubscription(
            endpoint: "https://push.example/1", p256dh: Self.point, auth: "AAAAAAAAAAAAAAAAAAAAAA", expirationTime: 5)
        try await store.registerDevice(.webPush(subscription), ownerID: "alice", at: 0)
        try await store.registerDevice(token: "plain", ownerID: "alice", at: 0)
        #expect(try await store.devices(ownerID: "alice") == [.webPush(subscription), .token("plain")])
        #expect(try await store.unregisterDevice(token: "https://push.example/1"))
        #expect(try await store.devices(ownerID: "alice") == [.token("plain")])
        try await store.close()
    }
}

import Foundation
import HTTPSClient
import NotificationService
import ProtocSupport
import PushCrypto
import Testing
import WebPush

@Suite("Web Push sender against a Python push service over HTTPS")
struct WebPushSenderTests {
    private func push(_ key: String, to names: [String], of service: LocalPushService) -> Push {
        let devices = names.map { name in
            let subscriber = service.subscribers[name]!
            return PushDevice.webPush(
                WebPushSubscription(endpoint: subscriber.endpoint, p256dh: subscriber.p256dh, auth: subscriber.auth))
        }
        return Push(
            idempotencyKey: key, scheduleID: "s1", ownerID: "alice", devices: devices, title: "Stand-up",
            startTime: 1_000_000)
    }

    private func sender(for service: LocalPushService) throws -> WebPushSender {
        try WebPushSender(
            authorizer: VAPIDAuthorizer(key: service.vapidKey, subject: "mailto:ops@example.com"),
            client: HTTPSClient(certificateAuthorityFile: service.certificates.certificateAuthority),
            timeToLive: .seconds(120))
    }

    @Test(
        "each answer maps as RFC 8030 says: 201 sent, 404/410 unregistered, 413 rejected, 429 retryable after Retry-After, 500 then 201",
        .timeLimit(.minutes(1)))
    func scriptedAnswers() async throws {
        let service = try await LocalPushService(answers: [
            "ok": [(201, [:])], "gone": [(410, [:])], "missing": [(404, [:])], "big": [(413, [:])],
            "busy": [(429, ["Retry-After": "7"])], "flaky": [(500, [:]), (201, [:])],
        ])
        defer { service.stop() }
        let sender = try sender(for: service)

        let receipt = try await sender.send(push("ntf-1", to: ["ok", "gone", "missing"], of: service))
        #expect(
            Set(receipt.unregisteredTokens) == [
                service.subscribers["gone"]!.endpoint, service.subscribers["missing"]!.endpoint,
            ])
        #expect(receipt.reasons[service.subscribers["gone"]!.endpoint]?.contains("HTTP 410") == true)

        await #expect(throws: PushFailure.self) { try await sender.send(push("ntf-2", to: ["big"], of: service)) }
        do {
            _ = try await sender.send(push("ntf-3", to: ["busy"], of: service))
            Issue.record("429 was accepted")
        } catch let failure as PushFailure {
            #expect(failure.kind == .retryable(after: .seconds(7)))
        }
        do {
            _ = try await sender.send(push("ntf-4", to: ["ok", "flaky"], of: service))
            Issue.record("500 was accepted")
        } catch let failure as PushFailure {
            #expect(failure.kind == .retryable(after: nil))
        }
        #expect(try await sender.send(push("ntf-4", to: ["ok", "flaky"], of: service)).unregisteredTokens.isEmpty)

        let received = try service.received()
        #expect(received.allSatisfy { $0["error"] == nil }, "the push service found errors: \(received)")
        #expect(
            received.map { $0["name"] as! String }.filter { $0 == "ok" }.count == 2,
            "ntf-4 was not resent to the device that accepted it")
        let first = try #require(received.first { $0["name"] as? String == "ok" })
        let payload = try JSONSerialization.jsonObject(with: Data((first["payload"] as! String).utf8)) as! [String: Any]
        #expect(payload["title"] as? String == "Stand-up")
        #expect(payload["notificationId"] as? String == "ntf-1")
        #expect(payload["scheduleId"] as? String == "s1")
        #expect(first["ttl"] as? String == "120")
        #expect(first["urgency"] as? String == "high")
        #expect((first["topic"] as? String)?.count == 32)
        #expect(first["encoding"] as? String == "aes128gcm")
        #expect((first["claims"] as? [String: Any])?["sub"] as? String == "mailto:ops@example.com")
    }

    @Test(
        "a server whose certificate the client's CA did not sign gets no push: a retryable failure naming the TLS problem",
        .timeLimit(.minutes(1)))
    func untrustedServer() async throws {
        let service = try await LocalPushService(answers: ["ok": [(201, [:])]])
        defer { service.stop() }
        let sender = try WebPushSender(
            authorizer: VAPIDAuthorizer(key: service.vapidKey, subject: "mailto:ops@example.com"),
            client: HTTPSClient(certificateAuthorityFile: service.certificates.untrustedCertificateAuthority))
        do {
            _ = try await sender.send(push("ntf-1", to: ["ok"], of: service))
            Issue.record("the push went to an untrusted server")
        } catch let failure as PushFailure {
            #expect(failure.kind == .retryable(after: nil))
            #expect(failure.description.contains("certificate"))
        }
        #expect(try service.received().isEmpty)
    }

    @Test("a message pywebpush encrypted for our subscription decrypts with our decryption", .timeLimit(.minutes(1)))
    func pywebpushToUs() async throws {
        let key = try PrivateKey.generateP256()
        let auth = try RandomBytes.make(16)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Python/pywebpush_encrypt.py"
        ).path
        let outcome = try await ChildProcess.run(
            "/usr/bin/env",
            [
                "python3", script, Base64URL.encode(try key.publicKey().bytes), Base64URL.encode(auth),
                "hello from pywebpush",
            ])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let body = try #require(Base64URL.decode(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(try MessageEncryption.decrypt(body, with: key, authSecret: auth) == Data("hello from pywebpush".utf8))
    }
}

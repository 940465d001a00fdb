import FCM
import Foundation
import HTTPSClient
import NotificationService
import ProtocSupport
import Testing

/// The Python FCM emulator over HTTPS with the test CA, and a service-account key file the
/// test made for it (a new RSA key, `token_uri` the emulator's).
private final class LocalFCM {
    let certificates: TestCertificates
    let keyFile: String
    let api: URL
    private let process: ChildProcess
    private let log: URL

    init(answers: [String: [(Int, String?)]]) async throws {
        certificates = try await TestCertificates.generate()
        let directory = certificates.directory
        let pem = directory.appendingPathComponent("account.pem").path
        let generated = try await ChildProcess.run(
            "/usr/bin/env",
            [
                "openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", pem,
            ])
        guard generated.status == 0 else { throw ChildProcess.Failure(description: generated.stderr) }
        let config = directory.appendingPathComponent("fcm.json")
        let script = answers.mapValues { $0.map { [$0.0, $0.1 as Any? ?? NSNull()] } }
        try JSONSerialization.data(withJSONObject: [
            "project": "pinit-test", "email": "push@pinit-test.example", "answers": script,
        ])
        .write(to: config)
        log = directory.appendingPathComponent("fcm.log")
        let emulator = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Python/fcm_emulator.py"
        ).path
        process = try ChildProcess(
            "/usr/bin/env",
            [
                "python3", emulator, certificates.serverCertificate, certificates.serverKey, pem, config.path, log.path,
            ])
        guard let port = try await PeerLog.port(in: log) else {
            process.terminate()
            throw ChildProcess.Failure(description: "the FCM emulator did not start: \(process.report)")
        }
        api = URL(string: "https://127.0.0.1:\(port)")!
        keyFile = directory.appendingPathComponent("service-account.json").path
        try JSONSerialization.data(withJSONObject: [
            "type": "service_account", "project_id": "pinit-test", "client_email": "push@pinit-test.example",
            "token_uri": "https://127.0.0.1:\(port)/token",
            "private_key": try String(contentsOfFile: pem, encoding: .utf8),
        ]).write(to: URL(fileURLWithPath: keyFile))
    }

    func requests() throws -> [[String: Any]] {
        try PeerLog.entries(in: log)
    }

    func stop() {
        process.terminate()
        certificates.remove()
    }
}

@Suite("FCM sender against a Python FCM emulator over HTTPS")
struct FCMSenderTests {
    private func push(_ key: String, to tokens: [String]) -> Push {
        Push(
            idempotencyKey: key, scheduleID: "s1", ownerID: "bob", devices: tokens.map { PushDevice.fcm(token: $0) },
            title: "Gym", startTime: 2_000_000)
    }

    @Test(
        "one OAuth token (RS256 grant) serves every send; UNREGISTERED and INVALID_ARGUMENT unregister, 503 is retried, then success",
        .timeLimit(.minutes(1)))
    func scriptedAnswers() async throws {
        let fcm = try await LocalFCM(answers: [
            "ok": [(200, nil)], "gone": [(404, "UNREGISTERED")], "bad": [(400, "INVALID_ARGUMENT")],
            "flaky": [(503, "UNAVAILABLE"), (200, nil)], "mismatch": [(403, "SENDER_ID_MISMATCH")],
        ])
        defer { fcm.stop() }
        let sender = FCMSender(
            key: try ServiceAccountKey(contentsOf: fcm.keyFile),
            client: HTTPSClient(certificateAuthorityFile: fcm.certificates.certificateAuthority), api: fcm.api)

        let receipt = try await sender.send(push("ntf-1", to: ["ok", "gone", "bad"]))
        #expect(Set(receipt.unregisteredTokens) == ["gone", "bad"])
        #expect(receipt.reasons["gone"]?.contains("UNREGISTERED") == true)
        #expect(receipt.reasons["bad"]?.contains("INVALID_ARGUMENT") == true)
        do {
            _ = try await sender.send(push("ntf-2", to: ["ok", "flaky"]))
            Issue.record("503 was accepted")
        } catch let failure as PushFailure {
            #expect(failure.kind == .retryable(after: nil))
        }
        #expect(try await sender.send(push("ntf-2", to: ["ok", "flaky"])).unregisteredTokens.isEmpty)
        do {
            _ = try await sender.send(push("ntf-3", to: ["mismatch"]))
            Issue.record("SENDER_ID_MISMATCH was accepted")
        } catch let failure as PushFailure {
            #expect(failure.kind == .rejected)
            #expect(failure.description.hasPrefix("configuration error"))
        }

        let requests = try fcm.requests()
        #expect(requests.allSatisfy { $0["error"] == nil }, "the emulator found errors: \(requests)")
        #expect(requests.filter { $0["kind"] as? String == "token" }.count == 1)
        let sends = requests.filter { $0["kind"] as? String == "send" }
        #expect(
            sends.filter { $0["token"] as? String == "ok" }.count == 2,
            "ntf-2 was not resent to the token that accepted it")
        let message = try #require(sends.first?["message"] as? [String: Any])
        #expect((message["notification"] as? [String: String])?["title"] == "Gym")
        #expect((message["data"] as? [String: String])?["notificationId"] == "ntf-1")
    }

    @Test("an unreadable or malformed service-account file is a configuration error naming it")
    func badKeyFiles() throws {
        #expect(throws: FCMConfigurationError.self) { try ServiceAccountKey(contentsOf: "/nonexistent/key.json") }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(#"{"project_id":"p","client_email":"e","token_uri":"https://x/token","private_key":"nope"}"#.utf8)
            .write(to: file)
        do {
            _ = try ServiceAccountKey(contentsOf: file.path)
            Issue.record("a key file without a key was accepted")
        } catch {
            #expect(error.description.contains("private_key"))
        }
    }
}

import Foundation
import PushCrypto

/// The local Web Push service the demo delivers one subscription's pushes to: the tests'
/// Python push service (`--web-push-service SCRIPT`) over HTTPS with a self-signed
/// certificate made for the run, which verifies each push's VAPID JWT and decrypts it as the
/// browser would. The demo holds the browser's side: the subscription's key pair and secret.
struct DemoPushService {
    /// The subscription, as the browser would register it.
    let endpoint: String
    /// The subscription's public key, base64url.
    let p256dh: String
    /// The subscription's authentication secret, base64url.
    let auth: String
    /// The notification service's flags for Web Push to this service.
    let arguments: [String]
    private let process: Process
    private let log: URL

    /// Makes the certificate, the VAPID key and the subscription under `directory` and starts
    /// `script` on a free port.
    ///
    /// - Throws: when openssl or python3 cannot be run, or the service does not announce its port.
    static func start(script: String, in directory: URL) async throws -> DemoPushService {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let certificate = directory.appendingPathComponent("push-service.pem").path
        let certificateKey = directory.appendingPathComponent("push-service.key").path
        try await run(
            "/usr/bin/env",
            [
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days",
                "1",
                "-keyout", certificateKey, "-out", certificate, "-subj", "/CN=127.0.0.1", "-addext",
                "subjectAltName=IP:127.0.0.1",
            ])
        let vapidKey = try PrivateKey.generateP256()
        let vapidFile = directory.appendingPathComponent("vapid.pem")
        try Data(try vapidKey.pem().utf8).write(to: vapidFile)
        let browserKey = try PrivateKey.generateP256()
        let auth = Base64URL.encode(try RandomBytes.make(16))
        let config = directory.appendingPathComponent("push-service.json")
        try JSONSerialization.data(withJSONObject: [
            "vapid_key": Base64URL.encode(try vapidKey.publicKey().bytes),
            "subscriptions": [
                "dave-browser": [
                    "private_key": try browserKey.pem(), "auth": auth, "answers": [[201, [:] as [String: String]]],
                ]
            ],
        ]).write(to: config)
        let log = directory.appendingPathComponent("push-service.log")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script, certificate, certificateKey, config.path, log.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port: Int?
        for _ in 0..<250 where port == nil {
            let first = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").first
            port = first.flatMap { $0.hasPrefix("PORT ") ? Int($0.dropFirst(5)) : nil }
            if port == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        guard let port else {
            process.terminate()
            throw StartupFailure("the local Web Push service (\(script)) did not start")
        }
        return DemoPushService(
            endpoint: "https://127.0.0.1:\(port)/push/dave-browser",
            p256dh: Base64URL.encode(try browserKey.publicKey().bytes),
            auth: auth,
            arguments: [
                "--push", "webpush,file", "--vapid-private-key", vapidFile.path, "--vapid-subject",
                "mailto:demo@pinit.example",
                "--push-ca-file", certificate,
            ],
            process: process, log: log)
    }

    /// What the push service decrypted, by notification id, with an error when a push did not
    /// verify or decrypt.
    func deliveries() throws -> [(notificationID: String, time: Int64, text: String)] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").dropFirst().map { line in
            let entry = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
            let time = (entry["time"] as? NSNumber)?.int64Value ?? 0
            guard let payload = entry["payload"] as? String,
                let fields = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                let id = fields["notificationId"] as? String
            else {
                return ("", time, "push NOT decrypted: \(entry["error"] ?? "no payload")")
            }
            return (id, time, "decrypted \(payload) (VAPID verified, aes128gcm)")
        }
    }

    /// Stops the service.
    func stop() {
        process.terminate()
    }

    private static func run(_ executable: String, _ arguments: [String]) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        guard status == 0 else { throw StartupFailure("\(arguments.first ?? executable) exited with status \(status)") }
    }
}

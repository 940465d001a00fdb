import Foundation
import PushCrypto

/// The Python Web Push service (Python/push_service.py) on a free port over HTTPS with the
/// test CA, and the subscriptions it serves, each with the key pair a browser would hold.
public final class LocalPushService: Sendable {
    /// A subscription the service knows, with its user agent's private key.
    public struct Subscriber: Sendable {
        /// The push resource, `https://127.0.0.1:PORT/push/NAME`.
        public let endpoint: String
        /// The user agent's key.
        public let privateKey: PrivateKey
        /// Its public key, base64url.
        public let p256dh: String
        /// The authentication secret, base64url.
        public let auth: String
    }

    /// The CA that signed the service's certificate, and the rest of the test PKI.
    public let certificates: TestCertificates
    /// The subscriptions by name.
    public let subscribers: [String: Subscriber]
    /// The VAPID key the service accepts.
    public let vapidKey: PrivateKey
    private let process: ChildProcess
    private let log: URL

    /// Starts the service with `answers` per subscription name: [status, headers] in order.
    public init(answers: [String: [(Int, [String: String])]]) async throws {
        certificates = try await TestCertificates.generate()
        vapidKey = try PrivateKey.generateP256()
        var config: [String: Any] = ["vapid_key": Base64URL.encode(try vapidKey.publicKey().bytes)]
        var keys: [String: (PrivateKey, String)] = [:]
        var subscriptions: [String: Any] = [:]
        for (name, script) in answers {
            let key = try PrivateKey.generateP256()
            let auth = Base64URL.encode(try RandomBytes.make(16))
            keys[name] = (key, auth)
            subscriptions[name] = [
                "private_key": try key.pem(), "auth": auth, "answers": script.map { [$0.0, $0.1] as [Any] },
            ]
        }
        config["subscriptions"] = subscriptions
        let configFile = certificates.directory.appendingPathComponent("push-service.json")
        try JSONSerialization.data(withJSONObject: config).write(to: configFile)
        log = certificates.directory.appendingPathComponent("push-service.log")
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Python/push_service.py"
        ).path
        process = try ChildProcess(
            "/usr/bin/env",
            [
                "python3", script, certificates.serverCertificate, certificates.serverKey, configFile.path, log.path,
            ])
        guard let port = try await PeerLog.port(in: log) else {
            process.terminate()
            throw ChildProcess.Failure(description: "the Python push service did not start: \(process.report)")
        }
        var subscribers: [String: Subscriber] = [:]
        for (name, (key, auth)) in keys {
            subscribers[name] = Subscriber(
                endpoint: "https://127.0.0.1:\(port)/push/\(name)", privateKey: key,
                p256dh: Base64URL.encode(try key.publicKey().bytes), auth: auth)
        }
        self.subscribers = subscribers
    }

    /// The pushes received so far, one JSON object each, in order.
    public func received() throws -> [[String: Any]] {
        try PeerLog.entries(in: log)
    }

    /// Stops the service and deletes its files.
    public func stop() {
        process.terminate()
        certificates.remove()
    }
}

import Foundation
import ProtocSupport
import PushCrypto
@testable import WebPush
import Testing

@Suite("Web Push message encryption (aes128gcm)")
struct MessageEncryptionTests {
    @Test("a message decrypts with the user agent's key; the header carries salt, rs 4096 and the sender's key")
    func roundTrip() throws {
        let userAgent = try PrivateKey.generateP256()
        let auth = try RandomBytes.make(16)
        let plaintext = Data(#"{"title":"Stand-up"}"#.utf8)
        let body = try MessageEncryption.encrypt(plaintext, to: userAgent.publicKey(), authSecret: auth)
        #expect(body[16..<20].elementsEqual([0, 0, 0x10, 0]))
        #expect(body[20] == 65)
        #expect(body.count == MessageEncryption.headerLength + 64 + AES128GCM.tagLength)
        #expect(try MessageEncryption.decrypt(body, with: userAgent, authSecret: auth) == plaintext)
        #expect(throws: MessageEncryptionError.self) {
            try MessageEncryption.decrypt(body, with: userAgent, authSecret: try RandomBytes.make(16))
        }
    }

    @Test("the largest plaintext fits one 4096-byte body; one byte more is payloadTooLarge")
    func sizeLimit() throws {
        let userAgent = try PrivateKey.generateP256()
        let auth = try RandomBytes.make(16)
        let largest = Data(repeating: 0x61, count: MessageEncryption.maximumPlaintext)
        #expect(
            try MessageEncryption.encrypt(largest, to: userAgent.publicKey(), authSecret: auth).count
                == MessageEncryption.recordSize)
        #expect(throws: MessageEncryptionError.payloadTooLarge(bytes: largest.count + 1, limit: largest.count)) {
            try MessageEncryption.encrypt(largest + [0x61], to: userAgent.publicKey(), authSecret: auth)
        }
    }

    @Test("a truncated header or a bad key id is malformed, not a crash")
    func malformed() throws {
        let userAgent = try PrivateKey.generateP256()
        let auth = try RandomBytes.make(16)
        #expect(throws: MessageEncryptionError.self) {
            try MessageEncryption.decrypt(Data(count: 10), with: userAgent, authSecret: auth)
        }
        var body = try MessageEncryption.encrypt(Data("x".utf8), to: userAgent.publicKey(), authSecret: auth)
        body[20] = 64
        #expect(throws: MessageEncryptionError.self) {
            try MessageEncryption.decrypt(body, with: userAgent, authSecret: auth)
        }
    }
}

@Suite("VAPID authorization")
struct VAPIDAuthorizerTests {
    @Test("the audience is the endpoint's origin; one token per origin is reused until near its expiry")
    func cachePerOrigin() throws {
        let now = TimeBox(Date(timeIntervalSince1970: 1_000_000))
        let authorizer = try VAPIDAuthorizer(
            key: PrivateKey.generateP256(), subject: "mailto:ops@example.com", clock: { now.value })
        let first = try authorizer.authorization(for: URL(string: "https://push.example:443/a")!)
        #expect(first.hasPrefix("vapid t="))
        #expect(first.hasSuffix(", k=\(authorizer.publicKey)"))
        #expect(try authorizer.authorization(for: URL(string: "https://push.example/b")!) == first)
        #expect(try authorizer.authorization(for: URL(string: "https://other.example:8443/b")!) != first)
        now.value = now.value.addingTimeInterval(11 * 3600 + 1)
        #expect(try authorizer.authorization(for: URL(string: "https://push.example/a")!) != first)
        #expect(
            try VAPIDAuthorizer.origin(of: URL(string: "https://Other.Example:8443/x")!) == "https://other.example:8443"
        )
    }

    @Test("a subject that is neither mailto: nor https:, or a key that is not P-256, is a configuration error")
    func configuration() async throws {
        #expect(throws: VAPIDConfigurationError.self) {
            try VAPIDAuthorizer(key: PrivateKey.generateP256(), subject: "ops@example.com")
        }
        let rsa = try await ChildProcess.run(
            "/usr/bin/env", ["openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"])
        #expect(throws: VAPIDConfigurationError("the VAPID key must be an EC P-256 private key")) {
            try VAPIDAuthorizer(key: PrivateKey(pem: rsa.stdout), subject: "mailto:ops@example.com")
        }
    }
}

/// A settable time for the authorizer's clock.
private final class TimeBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Date
    init(_ value: Date) { stored = value }
    var value: Date {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

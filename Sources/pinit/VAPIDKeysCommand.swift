import ArgumentParser
import PushCrypto

/// `pinit vapid-keys`: makes a VAPID key pair for `notification-service --vapid-private-key`.
struct VAPIDKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "vapid-keys",
        abstract: "Print a new VAPID key pair: the public key for browsers, then the private key PEM.",
        discussion: """
            The first line is the public key in base64url, as a web page passes it to \
            pushManager.subscribe({applicationServerKey}); the rest is the private key (PKCS #8 PEM) \
            to save to a file for --vapid-private-key.
            """)

    func run() throws {
        let key = try PrivateKey.generateP256()
        print(Base64URL.encode(try key.publicKey().bytes))
        print(try key.pem(), terminator: "")
    }
}

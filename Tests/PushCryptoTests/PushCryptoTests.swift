import Foundation
import PushCrypto
import Testing

private func hex(_ text: String) -> Data {
    Data(
        stride(from: 0, to: text.count, by: 2).map { offset in
            let start = text.index(text.startIndex, offsetBy: offset)
            return UInt8(text[start..<text.index(start, offsetBy: 2)], radix: 16)!
        })
}

@Suite("Push cryptography on OpenSSL EVP")
struct PushCryptoTests {
    @Test("HKDF-SHA-256 gives RFC 5869's test case 1 output")
    func hkdfVector() throws {
        let output = try HKDF.sha256(
            key: Data(repeating: 0x0b, count: 22), salt: hex("000102030405060708090a0b0c"),
            info: hex("f0f1f2f3f4f5f6f7f8f9"), length: 42)
        #expect(output == hex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"))
    }

    @Test("AES-128-GCM opens what it sealed and refuses a changed byte")
    func gcmRoundTrip() throws {
        let key = try RandomBytes.make(16), nonce = try RandomBytes.make(12)
        let sealed = try AES128GCM.seal(Data("hello".utf8), key: key, nonce: nonce)
        #expect(sealed.count == 5 + AES128GCM.tagLength)
        #expect(try AES128GCM.open(sealed, key: key, nonce: nonce) == Data("hello".utf8))
        var changed = sealed
        changed[0] ^= 1
        #expect(throws: CryptoError.self) { try AES128GCM.open(changed, key: key, nonce: nonce) }
    }

    @Test("ECDH on P-256 gives both sides the same 32-byte secret; a PEM round trip keeps the key")
    func ecdhAndPEM() throws {
        let alice = try PrivateKey.generateP256(), bob = try PrivateKey.generateP256()
        let secret = try alice.sharedSecret(with: bob.publicKey())
        #expect(secret.count == 32)
        #expect(try bob.sharedSecret(with: alice.publicKey()) == secret)
        let pem = try alice.pem()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try PrivateKey(pem: pem).publicKey() == alice.publicKey())
    }

    @Test("a public key that is not 65 bytes, not uncompressed or not on the curve is refused")
    func publicKeyValidation() throws {
        let good = try PrivateKey.generateP256().publicKey().bytes
        #expect(throws: CryptoError.self) { try P256PublicKey(uncompressed: good.prefix(33)) }
        var compressed = good
        compressed[0] = 2
        #expect(throws: CryptoError.self) { try P256PublicKey(uncompressed: compressed) }
        var offCurve = good
        offCurve[64] ^= 1
        #expect(throws: CryptoError.self) { try P256PublicKey(uncompressed: offCurve) }
        #expect(throws: CryptoError.self) { try PrivateKey(pem: "not a key") }
    }

    @Test("an ES256 JWT has three base64url parts and a 64-byte signature")
    func jwtShape() throws {
        let token = try JSONWebToken.sign(
            claims: ["aud": "https://push.example", "exp": 1], with: PrivateKey.generateP256())
        let parts = token.split(separator: ".").map(String.init)
        #expect(parts.count == 3)
        #expect(Base64URL.decode(parts[2])?.count == 64)
        let header = try JSONSerialization.jsonObject(with: Base64URL.decode(parts[0])!) as? [String: String]
        #expect(header == ["typ": "JWT", "alg": "ES256"])
    }

    @Test("base64url: no padding out; padding optional in; '+' and '/' refused")
    func base64URL() {
        #expect(Base64URL.encode(Data([0xfb, 0xff])) == "-_8")
        #expect(Base64URL.decode("-_8") == Data([0xfb, 0xff]))
        #expect(Base64URL.decode("-_8=") == Data([0xfb, 0xff]))
        #expect(Base64URL.decode("+/8") == nil)
        #expect(Base64URL.decode("A") == nil)
    }
}

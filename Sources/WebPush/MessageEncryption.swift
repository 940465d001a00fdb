import Foundation
import PushCrypto

/// Web Push message encryption (RFC 8291) in the `aes128gcm` content coding (RFC 8188).
///
/// The sender makes a new P-256 key for each message, agrees a secret with the user agent's
/// key (ECDH), mixes in the subscription's 16-byte authentication secret (HKDF-SHA-256 with
/// the info `"WebPush: info" 0x00 ‖ ua_public ‖ as_public`), and derives the content key and
/// nonce from that and a random salt. The body is the RFC 8188 header (salt, record size,
/// key id = the sender's public key) and one record: the plaintext, the delimiter 0x02 and
/// zero padding, sealed with AES-128-GCM.
public enum MessageEncryption {
    /// The record size written in the header: push services accept a body of 4,096 bytes.
    public static let recordSize = 4096
    /// The header's length with a P-256 public key as key id: salt 16, rs 4, idlen 1, key 65.
    public static let headerLength = 86
    /// The largest plaintext that fits one record: the body, less header, tag and delimiter.
    public static let maximumPlaintext = recordSize - headerLength - AES128GCM.tagLength - 1
    /// The record's plaintext (message, delimiter, padding) is a multiple of this many bytes
    /// (within the limit), so that the message's exact length does not show.
    public static let paddingBlock = 64

    /// Encrypts `plaintext` for the user agent's key and authentication secret.
    ///
    /// - Parameters:
    ///   - senderKey: the ephemeral key; a new one unless given (tests pass a fixed one).
    ///   - salt: 16 bytes; random unless given.
    /// - Throws: ``MessageEncryptionError/payloadTooLarge(bytes:limit:)``, or `.crypto` for
    ///   an authentication secret that is not 16 bytes or a failure inside OpenSSL.
    public static func encrypt(
        _ plaintext: Data, to userAgentKey: P256PublicKey, authSecret: Data,
        senderKey: PrivateKey? = nil, salt: Data? = nil
    ) throws(MessageEncryptionError) -> Data {
        guard plaintext.count <= maximumPlaintext else {
            throw .payloadTooLarge(bytes: plaintext.count, limit: maximumPlaintext)
        }
        do {
            let sender = try senderKey ?? PrivateKey.generateP256()
            let senderPublic = try sender.publicKey()
            let salt = try salt ?? RandomBytes.make(16)
            let keys = try RecordKeys(
                sharedSecret: sender.sharedSecret(with: userAgentKey), authSecret: authSecret,
                userAgentKey: userAgentKey.bytes, senderKey: senderPublic.bytes, salt: salt)
            let recordLength = min(maximumPlaintext + 1, (plaintext.count + paddingBlock) / paddingBlock * paddingBlock)
            var record = plaintext
            record.append(2)
            record.append(Data(count: recordLength - record.count))
            var body = salt
            body.append(contentsOf: withUnsafeBytes(of: UInt32(recordSize).bigEndian) { Array($0) })
            body.append(UInt8(P256PublicKey.length))
            body.append(senderPublic.bytes)
            body.append(try AES128GCM.seal(record, key: keys.contentKey, nonce: keys.nonce(sequence: 0)))
            return body
        } catch let error as CryptoError {
            throw .crypto(error)
        } catch {
            throw .crypto(CryptoError("\(error)"))
        }
    }

    /// Decrypts an `aes128gcm` body sent to the holder of `userAgentKey` (what a browser does;
    /// here for tests and tooling). Several records are read in order.
    ///
    /// - Throws: ``MessageEncryptionError/malformed(_:)`` for a bad header, record or padding;
    ///   `.crypto` when a record does not authenticate.
    public static func decrypt(_ body: Data, with userAgentKey: PrivateKey, authSecret: Data)
        throws(MessageEncryptionError) -> Data
    {
        let bytes = [UInt8](body)
        guard bytes.count >= 21 else { throw .malformed("\(bytes.count) bytes is shorter than the header") }
        let salt = Data(bytes[0..<16])
        let size = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let idLength = Int(bytes[20])
        guard size >= 18 else { throw .malformed("record size \(size) is below 18") }
        guard idLength == P256PublicKey.length, bytes.count >= 21 + idLength else {
            throw .malformed("the key id is \(idLength) bytes, not a 65-byte P-256 public key")
        }
        let records = bytes[(21 + idLength)...]
        guard !records.isEmpty else { throw .malformed("no record follows the header") }
        do {
            let senderKey = try P256PublicKey(uncompressed: Data(bytes[21..<(21 + idLength)]))
            let keys = try RecordKeys(
                sharedSecret: userAgentKey.sharedSecret(with: senderKey), authSecret: authSecret,
                userAgentKey: userAgentKey.publicKey().bytes, senderKey: senderKey.bytes, salt: salt)
            var plaintext = Data()
            var start = records.startIndex, sequence: UInt64 = 0
            while start < records.endIndex {
                let end = min(start + size, records.endIndex)
                let last = end == records.endIndex
                let opened = try AES128GCM.open(
                    Data(records[start..<end]), key: keys.contentKey, nonce: keys.nonce(sequence: sequence))
                guard let delimiter = opened.lastIndex(where: { $0 != 0 }) else {
                    throw MessageEncryptionError.malformed("record \(sequence) has no delimiter")
                }
                guard opened[delimiter] == (last ? 2 : 1) else {
                    throw MessageEncryptionError.malformed(
                        "record \(sequence) ends with delimiter \(opened[delimiter]), not \(last ? 2 : 1)")
                }
                plaintext.append(opened[opened.startIndex..<delimiter])
                start = end
                sequence += 1
            }
            return plaintext
        } catch let error as MessageEncryptionError {
            throw error
        } catch let error as CryptoError {
            throw .crypto(error)
        } catch {
            throw .crypto(CryptoError("\(error)"))
        }
    }
}

/// The content encryption key and base nonce of one message (RFC 8291 §3.4, RFC 8188 §2.2).
struct RecordKeys {
    let contentKey: Data
    private let baseNonce: Data

    init(sharedSecret: Data, authSecret: Data, userAgentKey: Data, senderKey: Data, salt: Data) throws(CryptoError) {
        guard authSecret.count == 16 else {
            throw CryptoError("the authentication secret is \(authSecret.count) bytes, not 16")
        }
        guard salt.count == 16 else { throw CryptoError("the salt is \(salt.count) bytes, not 16") }
        var keyInfo = Data("WebPush: info".utf8)
        keyInfo.append(0)
        keyInfo.append(userAgentKey)
        keyInfo.append(senderKey)
        let inputKey = try HKDF.sha256(key: sharedSecret, salt: authSecret, info: keyInfo, length: 32)
        contentKey = try HKDF.sha256(
            key: inputKey, salt: salt, info: Data("Content-Encoding: aes128gcm\0".utf8), length: 16)
        baseNonce = try HKDF.sha256(key: inputKey, salt: salt, info: Data("Content-Encoding: nonce\0".utf8), length: 12)
    }

    /// The nonce of record `sequence`: the base nonce XOR the sequence number, big-endian in
    /// its last bytes.
    func nonce(sequence: UInt64) -> Data {
        var nonce = [UInt8](baseNonce)
        withUnsafeBytes(of: sequence.bigEndian) { counter in
            for (offset, byte) in counter.enumerated() { nonce[4 + offset] ^= byte }
        }
        return Data(nonce)
    }
}

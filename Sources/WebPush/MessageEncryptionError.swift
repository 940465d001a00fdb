import PushCrypto

/// Why a Web Push message could not be encrypted or decrypted.
public enum MessageEncryptionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The plaintext does not fit the one record of ``MessageEncryption/recordSize`` bytes.
    case payloadTooLarge(bytes: Int, limit: Int)
    /// The body's RFC 8188 header or records are not well formed.
    case malformed(String)
    /// A key was not what the scheme needs, or OpenSSL failed.
    case crypto(CryptoError)

    /// What went wrong, for a person.
    public var description: String {
        switch self {
        case .payloadTooLarge(let bytes, let limit):
            "the payload is \(bytes) bytes; one aes128gcm record holds at most \(limit)"
        case .malformed(let what): "not an aes128gcm message: \(what)"
        case .crypto(let error): "\(error)"
        }
    }
}

import COpenSSL
import Foundation

/// AES-128 in Galois/Counter Mode with a 96-bit nonce and a 128-bit tag, through OpenSSL's
/// `EVP_CIPHER`.
public enum AES128GCM {
    /// The tag's length, appended to the ciphertext.
    public static let tagLength = 16

    /// `plaintext` encrypted under `key` (16 bytes) and `nonce` (12 bytes), followed by the tag.
    public static func seal(_ plaintext: Data, key: Data, nonce: Data) throws(CryptoError) -> Data {
        let context = try Self.context(encrypting: true, key: key, nonce: nonce)
        defer { EVP_CIPHER_CTX_free(context) }
        let input = [UInt8](plaintext)
        var output = [UInt8](repeating: 0, count: input.count + tagLength)
        var written: Int32 = 0
        try CryptoError.check(
            EVP_EncryptUpdate(context, &output, &written, input, Int32(input.count)), "AES-128-GCM encryption")
        var final: Int32 = 0
        try output.withUnsafeMutableBufferPointer { (buffer) throws(CryptoError) in
            try CryptoError.check(
                EVP_EncryptFinal_ex(context, buffer.baseAddress! + Int(written), &final),
                "ending AES-128-GCM encryption")
            try CryptoError.check(
                EVP_CIPHER_CTX_ctrl(
                    context, EVP_CTRL_AEAD_GET_TAG, Int32(tagLength), buffer.baseAddress! + input.count),
                "reading the GCM tag")
        }
        return Data(output)
    }

    /// The plaintext of `sealed` (ciphertext then tag) under `key` and `nonce`.
    ///
    /// - Throws: ``CryptoError`` when the tag does not authenticate the ciphertext.
    public static func open(_ sealed: Data, key: Data, nonce: Data) throws(CryptoError) -> Data {
        guard sealed.count >= tagLength else {
            throw CryptoError("a sealed record is shorter than its \(tagLength)-byte tag")
        }
        let context = try Self.context(encrypting: false, key: key, nonce: nonce)
        defer { EVP_CIPHER_CTX_free(context) }
        let input = [UInt8](sealed.prefix(sealed.count - tagLength))
        var tag = [UInt8](sealed.suffix(tagLength))
        var output = [UInt8](repeating: 0, count: input.count + tagLength)
        var written: Int32 = 0
        try CryptoError.check(
            EVP_DecryptUpdate(context, &output, &written, input, Int32(input.count)), "AES-128-GCM decryption")
        try CryptoError.check(
            EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(tagLength), &tag), "setting the GCM tag")
        var final: Int32 = 0
        let authentic = output.withUnsafeMutableBufferPointer {
            EVP_DecryptFinal_ex(context, $0.baseAddress! + Int(written), &final)
        }
        guard authentic == 1 else { throw .openSSL("the GCM tag does not authenticate the record") }
        return Data(output.prefix(Int(written + final)))
    }

    private static func context(encrypting: Bool, key: Data, nonce: Data) throws(CryptoError) -> OpaquePointer {
        _ = OpenSSLLibrary.initialized
        guard key.count == 16, nonce.count == 12 else {
            throw CryptoError(
                "AES-128-GCM takes a 16-byte key and a 12-byte nonce, not \(key.count) and \(nonce.count)")
        }
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL("creating a cipher context") }
        let keyBytes = [UInt8](key), nonceBytes = [UInt8](nonce)
        let started =
            encrypting
            ? EVP_EncryptInit_ex2(context, EVP_aes_128_gcm(), keyBytes, nonceBytes, nil)
            : EVP_DecryptInit_ex2(context, EVP_aes_128_gcm(), keyBytes, nonceBytes, nil)
        guard started == 1 else {
            EVP_CIPHER_CTX_free(context)
            throw .openSSL("starting AES-128-GCM")
        }
        return context
    }
}

import COpenSSL
import Foundation

/// A private key held by OpenSSL (an `EVP_PKEY`): a P-256 key for VAPID and Web Push
/// encryption, or an RSA key for a service account's token requests.
///
/// The key is never changed after it is made, and OpenSSL 3 allows one key to be used by
/// several threads at once for signing and key agreement, so it is `Sendable`.
public final class PrivateKey: @unchecked Sendable {
    /// What kind of key it is.
    public enum Kind: Sendable, Hashable {
        /// ECDSA/ECDH on NIST P-256 (ES256).
        case p256
        /// RSA (RS256 with PKCS #1 v1.5 padding).
        case rsa
    }

    /// What kind of key it is.
    public let kind: Kind
    let pointer: OpaquePointer

    private init(_ pointer: OpaquePointer) throws(CryptoError) {
        if EVP_PKEY_is_a(pointer, "RSA") == 1 {
            kind = .rsa
        } else if EVP_PKEY_is_a(pointer, "EC") == 1,
            Self.groupName(of: pointer).map(["prime256v1", "P-256"].contains) == true
        {
            kind = .p256
        } else {
            EVP_PKEY_free(pointer)
            throw CryptoError("the key is neither an EC P-256 nor an RSA key")
        }
        self.pointer = pointer
    }

    deinit {
        EVP_PKEY_free(pointer)
    }

    /// A new random P-256 key.
    public static func generateP256() throws(CryptoError) -> PrivateKey {
        _ = OpenSSLLibrary.initialized
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw .openSSL("creating an EC key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try CryptoError.check(EVP_PKEY_keygen_init(context), "starting P-256 key generation")
        try CryptoError.check(EVP_PKEY_CTX_set_group_name(context, "P-256"), "choosing the P-256 curve")
        var key: OpaquePointer?
        try CryptoError.check(EVP_PKEY_generate(context, &key), "generating a P-256 key")
        return try PrivateKey(key!)
    }

    /// Reads a PEM private key (PKCS #8 `PRIVATE KEY`, SEC 1 `EC PRIVATE KEY` or PKCS #1
    /// `RSA PRIVATE KEY`, unencrypted).
    ///
    /// - Throws: ``CryptoError`` when the text holds no such key, or a key of another kind.
    public convenience init(pem: String) throws(CryptoError) {
        _ = OpenSSLLibrary.initialized
        let bytes = Array(pem.utf8)
        let key: OpaquePointer? = bytes.withUnsafeBytes { buffer in
            guard let bio = BIO_new_mem_buf(buffer.baseAddress, Int32(buffer.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, nil, nil)
        }
        guard let key else { throw .openSSL("no PEM private key found") }
        try self.init(key)
    }

    /// The key in PEM, PKCS #8 (`-----BEGIN PRIVATE KEY-----`), unencrypted.
    public func pem() throws(CryptoError) -> String {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL("creating a memory BIO") }
        defer { BIO_free(bio) }
        try CryptoError.check(PEM_write_bio_PrivateKey(bio, pointer, nil, nil, 0, nil, nil), "writing the key as PEM")
        var bytes = [UInt8](repeating: 0, count: Int(BIO_ctrl_pending(bio)))
        let read = BIO_read(bio, &bytes, Int32(bytes.count))
        return String(decoding: bytes.prefix(Int(max(read, 0))), as: UTF8.self)
    }

    /// The public half of a P-256 key.
    ///
    /// - Throws: ``CryptoError`` for an RSA key.
    public func publicKey() throws(CryptoError) -> P256PublicKey {
        guard kind == .p256 else { throw CryptoError("an RSA key has no P-256 public key") }
        var bytes = [UInt8](repeating: 0, count: P256PublicKey.length)
        var length = 0
        try CryptoError.check(
            EVP_PKEY_get_octet_string_param(pointer, OSSL_PKEY_PARAM_PUB_KEY, &bytes, bytes.count, &length),
            "reading the public key")
        return try P256PublicKey(uncompressed: Data(bytes.prefix(length)))
    }

    /// The ECDH shared secret (the x coordinate, 32 bytes) of this P-256 key and `peer`.
    public func sharedSecret(with peer: P256PublicKey) throws(CryptoError) -> Data {
        guard let context = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            throw .openSSL("creating an ECDH context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try CryptoError.check(EVP_PKEY_derive_init(context), "starting ECDH")
        try CryptoError.check(EVP_PKEY_derive_set_peer(context, peer.key.pointer), "ECDH with the peer's key")
        var length = 0
        try CryptoError.check(EVP_PKEY_derive(context, nil, &length), "sizing the ECDH secret")
        var secret = [UInt8](repeating: 0, count: length)
        try CryptoError.check(EVP_PKEY_derive(context, &secret, &length), "deriving the ECDH secret")
        return Data(secret.prefix(length))
    }

    /// A SHA-256 signature of `message` as JSON Web Signatures carry it: for P-256 (ES256)
    /// the 64 bytes of r and s (RFC 7518 §3.4), for RSA (RS256) the PKCS #1 v1.5 signature.
    public func signature(for message: some DataProtocol) throws(CryptoError) -> Data {
        guard let context = EVP_MD_CTX_new() else { throw .openSSL("creating a digest context") }
        defer { EVP_MD_CTX_free(context) }
        try CryptoError.check(
            EVP_DigestSignInit_ex(context, nil, "SHA256", nil, nil, pointer, nil), "starting a SHA-256 signature")
        let input = [UInt8](message)
        var length = 0
        try CryptoError.check(EVP_DigestSign(context, nil, &length, input, input.count), "sizing the signature")
        var signature = [UInt8](repeating: 0, count: length)
        try CryptoError.check(EVP_DigestSign(context, &signature, &length, input, input.count), "signing")
        let der = Data(signature.prefix(length))
        return kind == .p256 ? try Self.rawECDSA(der) : der
    }

    /// r and s of a DER `ECDSA-Sig-Value`, each as 32 big-endian bytes.
    private static func rawECDSA(_ der: Data) throws(CryptoError) -> Data {
        let bytes = [UInt8](der)
        let parsed: OpaquePointer? = bytes.withUnsafeBufferPointer { buffer in
            var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
            return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
        }
        guard let parsed else { throw .openSSL("reading the ECDSA signature") }
        defer { ECDSA_SIG_free(parsed) }
        var raw = [UInt8](repeating: 0, count: 64)
        guard BN_bn2binpad(ECDSA_SIG_get0_r(parsed), &raw, 32) == 32,
            raw.withUnsafeMutableBufferPointer({ BN_bn2binpad(ECDSA_SIG_get0_s(parsed), $0.baseAddress! + 32, 32) })
                == 32
        else { throw .openSSL("writing r and s of the ECDSA signature") }
        return Data(raw)
    }

    private static func groupName(of key: OpaquePointer) -> String? {
        var name = [CChar](repeating: 0, count: 64)
        var length = 0
        guard EVP_PKEY_get_group_name(key, &name, name.count, &length) == 1 else { return nil }
        return String(decoding: name.prefix(length).map(UInt8.init), as: UTF8.self)
    }
}

import COpenSSL
import Foundation

/// A public key on NIST P-256, checked to be a point on the curve.
public struct P256PublicKey: Sendable, Hashable {
    /// The length of an uncompressed point: 0x04, then x and y of 32 bytes each.
    public static let length = 65

    /// The uncompressed point (X9.62), 65 bytes.
    public let bytes: Data
    let key: EVPPublicKey

    /// Reads an uncompressed point.
    ///
    /// - Throws: ``CryptoError`` when `bytes` is not 65 bytes starting with 0x04, or not a
    ///   point on P-256.
    public init(uncompressed bytes: Data) throws(CryptoError) {
        _ = OpenSSLLibrary.initialized
        guard bytes.count == Self.length, bytes.first == 4 else {
            throw CryptoError(
                "a P-256 public key is 65 bytes starting with 0x04 (uncompressed), not \(bytes.count) bytes")
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, "EC", nil) else {
            throw .openSSL("creating an EC key context")
        }
        defer { EVP_PKEY_CTX_free(context) }
        try CryptoError.check(EVP_PKEY_fromdata_init(context), "starting to read a P-256 public key")
        var key: OpaquePointer?
        let parameters: [OpenSSLParameter] = [
            .text(OSSL_PKEY_PARAM_GROUP_NAME, "P-256"), .octets(OSSL_PKEY_PARAM_PUB_KEY, bytes),
        ]
        try OpenSSLParameter.with(parameters) { (array) throws(CryptoError) in
            try CryptoError.check(
                EVP_PKEY_fromdata(context, &key, copenssl_public_key_selection(), array), "reading the P-256 public key"
            )
        }
        let owned = EVPPublicKey(key!)
        guard let check = EVP_PKEY_CTX_new_from_pkey(nil, owned.pointer, nil) else {
            throw .openSSL("creating a key check context")
        }
        defer { EVP_PKEY_CTX_free(check) }
        try CryptoError.check(EVP_PKEY_public_check(check), "the public key is not a point on P-256")
        self.bytes = bytes
        self.key = owned
    }

    /// Keys are equal when their points are.
    public static func == (lhs: P256PublicKey, rhs: P256PublicKey) -> Bool { lhs.bytes == rhs.bytes }

    /// Hashes the point.
    public func hash(into hasher: inout Hasher) { hasher.combine(bytes) }
}

/// An OpenSSL public key, owned; never changed after it is made (so shareable).
final class EVPPublicKey: @unchecked Sendable {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { EVP_PKEY_free(pointer) }
}

import COpenSSL
import Foundation

/// SHA-256 through OpenSSL's `EVP_Digest`.
public enum SHA256Digest {
    /// The 32-byte digest of `message`.
    public static func hash(_ message: some DataProtocol) throws(CryptoError) -> Data {
        _ = OpenSSLLibrary.initialized
        let input = [UInt8](message)
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        try CryptoError.check(
            EVP_Digest(input, input.count, &digest, &length, EVP_sha256(), nil), "hashing with SHA-256")
        return Data(digest.prefix(Int(length)))
    }
}

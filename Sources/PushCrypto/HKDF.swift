import COpenSSL
import Foundation

/// HKDF with SHA-256 (RFC 5869), extract then expand, through OpenSSL's `EVP_KDF`.
public enum HKDF {
    /// `length` bytes derived from the input keying material `key` with `salt` and `info`.
    public static func sha256(key: Data, salt: Data, info: Data, length: Int) throws(CryptoError) -> Data {
        _ = OpenSSLLibrary.initialized
        guard let algorithm = EVP_KDF_fetch(nil, "HKDF", nil) else { throw .openSSL("fetching HKDF") }
        defer { EVP_KDF_free(algorithm) }
        guard let context = EVP_KDF_CTX_new(algorithm) else { throw .openSSL("creating an HKDF context") }
        defer { EVP_KDF_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: length)
        let parameters: [OpenSSLParameter] = [
            .text(OSSL_KDF_PARAM_DIGEST, "SHA256"), .octets(OSSL_KDF_PARAM_KEY, key),
            .octets(OSSL_KDF_PARAM_SALT, salt), .octets(OSSL_KDF_PARAM_INFO, info),
        ]
        try OpenSSLParameter.with(parameters) { (array) throws(CryptoError) in
            try CryptoError.check(
                EVP_KDF_derive(context, &output, length, array), "deriving \(length) bytes with HKDF-SHA-256")
        }
        return Data(output)
    }
}

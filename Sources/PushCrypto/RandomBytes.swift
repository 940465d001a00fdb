import COpenSSL
import Foundation

/// Bytes from OpenSSL's cryptographically secure generator (`RAND_bytes`).
public enum RandomBytes {
    /// `count` random bytes.
    public static func make(_ count: Int) throws(CryptoError) -> Data {
        _ = OpenSSLLibrary.initialized
        var bytes = [UInt8](repeating: 0, count: count)
        try CryptoError.check(RAND_bytes(&bytes, Int32(count)), "drawing \(count) random bytes")
        return Data(bytes)
    }
}

import COpenSSL
import Foundation

/// One OpenSSL parameter (`OSSL_PARAM`) by value: a UTF-8 string or an octet string.
enum OpenSSLParameter {
    case text(String, String)
    case octets(String, Data)

    /// Calls `body` with a terminated `OSSL_PARAM` array for `parameters`, whose names and
    /// values stay valid for the call (OpenSSL keeps pointers to them, not copies).
    static func with<Result>(
        _ parameters: [OpenSSLParameter], _ body: (UnsafeMutablePointer<OSSL_PARAM>) throws(CryptoError) -> Result
    ) throws(CryptoError) -> Result {
        var owned: [UnsafeMutableRawPointer] = []
        defer { owned.forEach { free($0) } }
        func copy(_ bytes: some Collection<UInt8>) -> UnsafeMutablePointer<UInt8> {
            let pointer = malloc(bytes.count + 1)!.bindMemory(to: UInt8.self, capacity: bytes.count + 1)
            _ = UnsafeMutableBufferPointer(start: pointer, count: bytes.count).initialize(from: bytes)
            pointer[bytes.count] = 0
            owned.append(UnsafeMutableRawPointer(pointer))
            return pointer
        }
        var array: [OSSL_PARAM] = parameters.map { parameter in
            switch parameter {
            case .text(let name, let value):
                let key = UnsafeRawPointer(copy(name.utf8)).assumingMemoryBound(to: CChar.self)
                let text = UnsafeMutableRawPointer(copy(value.utf8)).assumingMemoryBound(to: CChar.self)
                return OSSL_PARAM_construct_utf8_string(key, text, 0)
            case .octets(let name, let value):
                let key = UnsafeRawPointer(copy(name.utf8)).assumingMemoryBound(to: CChar.self)
                return OSSL_PARAM_construct_octet_string(key, copy(value), value.count)
            }
        }
        array.append(OSSL_PARAM_construct_end())
        return try array.withUnsafeMutableBufferPointer { (buffer) throws(CryptoError) -> Result in
            try body(buffer.baseAddress!)
        }
    }
}

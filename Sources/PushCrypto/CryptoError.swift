import COpenSSL

/// A cryptographic operation that failed, naming the step and what OpenSSL queued about it.
public struct CryptoError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The step that failed, such as "ECDH with the subscription's key".
    public var operation: String
    /// OpenSSL's error texts for the failure, oldest first (possibly none).
    public var reasons: [String]

    /// Creates an error.
    public init(_ operation: String, reasons: [String] = []) {
        self.operation = operation
        self.reasons = reasons
    }

    /// The step, then OpenSSL's reasons when there are any.
    public var description: String {
        reasons.isEmpty ? operation : "\(operation): \(reasons.joined(separator: "; "))"
    }

    /// The failure of `operation` with the reasons OpenSSL queued on this thread (which it
    /// empties).
    static func openSSL(_ operation: String) -> CryptoError {
        var reasons: [String] = []
        while case let code = ERR_get_error(), code != 0 {
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map(UInt8.init), as: UTF8.self))
        }
        return CryptoError(operation, reasons: reasons)
    }

    /// Checks the return value of an OpenSSL call that reports success with 1.
    static func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(CryptoError) {
        guard result == 1 else { throw openSSL(operation()) }
    }
}

/// Initialises libcrypto once without its exit handler (see `copenssl_initialize`), before
/// the first use of any type of this module.
enum OpenSSLLibrary {
    /// Evaluated once, on first use.
    static let initialized: Bool = copenssl_initialize() == 1
}

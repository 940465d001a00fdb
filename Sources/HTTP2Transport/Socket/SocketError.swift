#if canImport(Glibc)
import Glibc
#endif

/// A failed socket operation, naming the call, the errno and the address involved.
///
/// Its description reads like `connect to 127.0.0.1:50051 failed: Connection refused (errno 111)`.
public struct SocketError: Error, Sendable, CustomStringConvertible {
    /// The operation that failed, such as `connect`, `bind` or `getaddrinfo`.
    public let operation: String
    /// The errno value (for `getaddrinfo`, its EAI_* code).
    public let errno: Int32
    /// The address or host involved, if any.
    public let address: String?
    /// The system's message for the error.
    public let message: String

    /// Creates an error from an errno value; the message comes from `strerror`.
    public init(operation: String, errno: Int32, address: String?) {
        self.init(
            operation: operation, errno: errno, address: address,
            message: String(cString: strerror(errno)))
    }

    /// Creates an error with an explicit message (for codes outside errno, like EAI_*).
    public init(operation: String, errno: Int32, address: String?, message: String) {
        self.operation = operation
        self.errno = errno
        self.address = address
        self.message = message
    }

    /// A sentence naming the operation, the address, the message and the errno.
    public var description: String {
        let target = address.map { " \(operation == "connect" ? "to" : "on") \($0)" } ?? ""
        return "\(operation)\(target) failed: \(message) (errno \(errno))"
    }
}

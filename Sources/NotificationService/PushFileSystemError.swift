#if canImport(Glibc)
import Glibc
#endif

/// A system call on the push file failed.
public struct PushFileSystemError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was being done (`open`, `flock`, `fsync`, ...).
    public var operation: String
    /// The file or directory it was done to.
    public var path: String
    /// The `errno` the call set.
    public var code: Int32

    /// Creates the error for `operation` on `path` failing with `code`.
    public init(operation: String, path: String, code: Int32) {
        self.operation = operation
        self.path = path
        self.code = code
    }

    /// `OPERATION on PATH failed: MESSAGE (errno N)`.
    public var description: String {
        "\(operation) on \(path) failed: \(String(cString: strerror(code))) (errno \(code))"
    }
}

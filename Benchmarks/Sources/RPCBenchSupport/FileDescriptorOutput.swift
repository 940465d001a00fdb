#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to standard output or error, so that the driver sees each line at once.
public struct FileDescriptorOutput: Sendable {
    private let descriptor: Int32

    /// Standard output.
    public static let standardOutput = FileDescriptorOutput(descriptor: 1)
    /// Standard error.
    public static let standardError = FileDescriptorOutput(descriptor: 2)

    /// Writes all of `text`.
    public func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written <= 0 { return }
            offset += written
        }
    }

    /// Writes `line` and a newline.
    public func line(_ line: String) { write(line + "\n") }
}

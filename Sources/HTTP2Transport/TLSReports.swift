#if canImport(Glibc)
import Glibc
#endif

/// Where the transports report TLS files that changed on disk but do not load (the previous
/// ones stay in use): one line on standard error, as the transports have no logger.
enum TLSReports {
    /// Writes `message` to standard error as one line.
    static let toStandardError: @Sendable (String) -> Void = { message in
        var line = "HTTP2Transport: \(message)\n"
        line.withUTF8 { bytes in _ = Glibc.write(2, bytes.baseAddress, bytes.count) }
    }
}

import Foundation

/// The port a test server written in Python announces as the first line of its log file,
/// `PORT n`.
public enum PortLine {
    /// Waits up to `timeout` for the line and returns its port; `nil` when it did not come.
    public static func wait(in log: URL, timeout: Duration = .seconds(5)) async throws -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let first = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").first
            if let port = first.flatMap({ $0.hasPrefix("PORT ") ? Int($0.dropFirst(5)) : nil }) { return port }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}

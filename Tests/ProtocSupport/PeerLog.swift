import Foundation

/// The log file of a test peer written in Python: a first line `PORT n` announcing where it
/// listens, then one JSON object per line for each request it handled.
public enum PeerLog {
    /// Waits up to `timeout` for the port line and returns its port; `nil` when it did not come.
    public static func port(in log: URL, timeout: Duration = .seconds(5)) async throws -> Int? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let first = (try? String(contentsOf: log, encoding: .utf8))?.split(separator: "\n").first
            if let port = first.flatMap({ $0.hasPrefix("PORT ") ? Int($0.dropFirst(5)) : nil }) { return port }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// The JSON objects logged after the port line, in order.
    public static func entries(in log: URL) throws -> [[String: Any]] {
        try String(contentsOf: log, encoding: .utf8).split(separator: "\n").dropFirst().map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }
}

import Foundation
import Logging

/// Bounds graceful shutdown: if the service has not stopped `period` after the signal (a
/// peer keeps a stream open), the process exits anyway. Both databases are crash-safe
/// (SQLite journaling), and unacknowledged events are resent on the next start.
enum ShutdownGrace {
    /// Starts the countdown; exits with status 0 when it runs out.
    static func start(period: Duration, logger: Logger) {
        Task.detached {
            try? await Task.sleep(for: period)
            logger.warning("graceful shutdown took longer than \(period); exiting")
            exit(0)
        }
    }
}

import Logging
import PinitProtos
import PostgresClient

extension PostgresScheduleStore {
    /// Listens to ``channel`` on a connection of its own until cancelled, signalling `signal`
    /// for every notification.
    ///
    /// When the connection is lost (the server restarted), it connects again with backoff,
    /// logging the first failure of an outage with its cause (later ones as ``FailureStreak``
    /// decides for a persisting failure) and the recovery once;
    /// after each (re)connection it signals once, since events may have committed while nobody
    /// listened. Meanwhile the relays poll.
    static func listen(
        first: PostgresConnection, configuration: PostgresConfiguration, signal: OutboxSignal, logger: Logger
    ) async {
        var connection: PostgresConnection? = first
        // One cause for the whole outage: a restart fails as "lost", then "shutting down", then
        // "refused", and each new cause would be logged again.
        var failures = FailureStreak(backoff: RetryBackoff(initial: .milliseconds(250), maximum: .seconds(5)))
        while !Task.isCancelled {
            do {
                let listening: PostgresConnection
                if let connection {
                    listening = connection
                } else {
                    listening = try await PostgresConnection.connect(configuration)
                    connection = listening
                }
                try await listening.listen(channel)
                signal.signal()
                let ended = failures.succeeded()
                if ended > 0 { logger.notice("outbox notifications working again", metadata: ["failures": "\(ended)"]) }
                for try await _ in listening.notifications() { signal.signal() }
            } catch {
                if Task.isCancelled { break }
                let step = failures.failed(cause: "unreachable")
                if step.shouldLog {
                    logger.warning(
                        "outbox notifications lost; reconnecting (relays poll meanwhile)",
                        metadata: [
                            "error": "\(error)", "retry_in": "\(step.delay)", "failures": "\(step.count)",
                        ])
                }
                await connection?.close()
                connection = nil
                try? await Task.sleep(for: step.delay)
            }
        }
        await connection?.close()
    }
}

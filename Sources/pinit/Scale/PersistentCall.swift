import PinitProtos
import RPCCore

/// Calls that a client keeps trying while replicas are killed and restarted under it: a call
/// that fails with UNAVAILABLE, DEADLINE_EXCEEDED, CANCELLED or UNKNOWN (a replica dying under
/// the call) is made again after a backoff, until `patience` has passed. Other errors are the
/// service's answer and are thrown at once.
enum PersistentCall {
    /// Each attempt's options: a call stuck on a replica that is being killed gives up after
    /// 5 s and is tried again.
    static let attemptOptions: CallOptions = {
        var options = CallOptions()
        options.timeout = .seconds(5)
        return options
    }()

    /// Codes that say the call may not have reached a live replica.
    static let retryable: Set<StatusCode> = [.unavailable, .deadlineExceeded, .cancelled, .unknown]

    /// Runs `call` until it succeeds, fails with a non-retryable code, or `patience` ran out
    /// (then the last error is thrown).
    static func run<T: Sendable>(
        patience: Duration = .seconds(60), _ call: () async throws(RPCError) -> T
    ) async throws(RPCError) -> T {
        let backoff = RetryBackoff(initial: .milliseconds(50), maximum: .seconds(1))
        let end = ContinuousClock.now + patience
        var attempt = 0
        while true {
            do {
                return try await call()
            } catch {
                guard retryable.contains(error.code), ContinuousClock.now < end else { throw error }
                try? await Task.sleep(for: backoff.delay(attempt: attempt))
                attempt += 1
            }
        }
    }
}

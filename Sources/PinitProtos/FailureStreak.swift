/// A retry loop's run of consecutive failures: how long to wait before the next try, and which
/// failures deserve a log line, so that a failure that persists is reported a few times with
/// its cause instead of once per try.
///
/// A failure is worth logging when it is the first of the streak, when its cause differs from
/// the last one logged, or when the streak's length reaches a power of two (1, 2, 4, 8, …).
/// Every failure is followed by a wait of ``RetryBackoff/delay(attempt:)``, so a loop using
/// it logs at most once per backoff step and ever more rarely while the cause stays the same.
public struct FailureStreak: Sendable {
    /// The waits between tries.
    public let backoff: RetryBackoff
    /// Failures since the last success.
    public private(set) var count = 0
    private var lastCause: String?

    /// What to do after one failure.
    public struct Step: Sendable, Equatable {
        /// How long to wait before the next try.
        public var delay: Duration
        /// Whether this failure should be logged.
        public var shouldLog: Bool
        /// The streak's length, this failure included.
        public var count: Int
    }

    /// Creates an empty streak.
    public init(backoff: RetryBackoff = RetryBackoff()) {
        self.backoff = backoff
    }

    /// Records a failure described by `cause` and returns the wait and whether to log it.
    public mutating func failed(cause: String) -> Step {
        count += 1
        let isNewCause = cause != lastCause
        lastCause = cause
        let isPowerOfTwo = count & (count - 1) == 0
        return Step(delay: backoff.delay(attempt: count - 1), shouldLog: isNewCause || isPowerOfTwo, count: count)
    }

    /// Records a success and ends the streak.
    ///
    /// - Returns: how many failures the success ended (0 when there were none), so the caller
    ///   can say once that the loop recovered.
    public mutating func succeeded() -> Int {
        defer {
            count = 0
            lastCause = nil
        }
        return count
    }
}

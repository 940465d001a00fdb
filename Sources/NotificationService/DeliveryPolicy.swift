import PinitProtos

/// How long a due notification may wait and how often its delivery is tried.
public struct DeliveryPolicy: Sendable {
    /// The latest a push may go out after its start time while the schedule's state cannot be
    /// confirmed with the task service; past it the notification is recorded SUPPRESSED with
    /// reason `state unconfirmed` (late is acceptable, wrong is not).
    public var maxLateness: Duration
    /// Delivery attempts before the notification is recorded FAILED.
    public var maxAttempts: Int
    /// The waits between failed delivery attempts (a longer `Retry-After` wins).
    public var retryBackoff: RetryBackoff
    /// The longest `Retry-After` honoured.
    public var maxRetryAfter: Duration
    /// The waits between failed confirmations.
    public var confirmBackoff: RetryBackoff

    /// Creates a policy.
    public init(
        maxLateness: Duration = .seconds(60), maxAttempts: Int = 5,
        retryBackoff: RetryBackoff = RetryBackoff(initial: .seconds(1), maximum: .seconds(60)),
        maxRetryAfter: Duration = .seconds(600),
        confirmBackoff: RetryBackoff = RetryBackoff(initial: .milliseconds(200), maximum: .seconds(5))
    ) {
        self.maxLateness = maxLateness
        self.maxAttempts = max(1, maxAttempts)
        self.retryBackoff = retryBackoff
        self.maxRetryAfter = maxRetryAfter
        self.confirmBackoff = confirmBackoff
    }
}

extension Duration {
    /// The duration in whole milliseconds, rounded down.
    var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

import Synchronization

/// The token count of ``RetryThrottling``, shared by every call of one client: a failed
/// attempt (a retryable status, or pushback) takes a token, a success gives back the ratio, and
/// retries are allowed only while more than half the tokens are left.
public final class RetryThrottle: Sendable {
    /// The policy it counts for.
    public let policy: RetryThrottling
    private let tokens: Mutex<Double>

    /// Creates a full throttle.
    public init(_ policy: RetryThrottling) {
        self.policy = policy
        tokens = Mutex(Double(policy.maxTokens))
    }

    /// Counts a successful attempt.
    public func recordSuccess() {
        tokens.withLock { $0 = min($0 + policy.tokenRatio, Double(policy.maxTokens)) }
    }

    /// Counts a failed attempt; returns whether a retry may follow (tokens above half).
    public func recordFailure() -> Bool {
        tokens.withLock {
            $0 = max($0 - 1, 0)
            return $0 > Double(policy.maxTokens) / 2
        }
    }
}

import Synchronization

/// The token count of ``RetryThrottling``, shared by the calls of one target
/// (``shared(target:policy:)``) or of one client: a failed attempt (a retryable status, or pushback) takes a token, a success gives back the ratio, and
/// retries are allowed only while more than half the tokens are left.
public final class RetryThrottle: Sendable {
    /// The policy it counts for.
    public let policy: RetryThrottling
    private let tokens: Mutex<Double>

    /// The throttles of targets, for ``shared(target:policy:)``.
    private static let byTarget = Mutex<[TargetKey: RetryThrottle]>([:])

    private struct TargetKey: Hashable {
        var target: String
        var policy: RetryThrottling
    }

    /// The throttle every client of `target` (a server name, as the transport names it) with
    /// `policy` shares in this process, as gRPC keeps one per server name; created full on
    /// first use and kept for the process's life (one per target and policy).
    public static func shared(target: String, policy: RetryThrottling) -> RetryThrottle {
        byTarget.withLock { throttles in
            let key = TargetKey(target: target, policy: policy)
            if let throttle = throttles[key] { return throttle }
            let throttle = RetryThrottle(policy)
            throttles[key] = throttle
            return throttle
        }
    }

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

/// The attempts of one call under a ``RetryPolicy`` (gRFC A6): after each failure, whether and
/// when to try again. A pure value; the client sleeps and makes the attempts.
public struct RetryAttempts: Sendable {
    /// The trailer a server sets to choose the wait before the next attempt (milliseconds), or
    /// to stop retries (a negative or invalid value).
    public static let pushbackKey = "grpc-retry-pushback-ms"
    /// The request header saying how many attempts came before this one.
    public static let previousAttemptsKey = "grpc-previous-rpc-attempts"

    /// The policy.
    public let policy: RetryPolicy
    /// The attempts made so far, the current one included.
    public private(set) var made = 1
    /// The retry whose backoff bound comes next; pushback starts the backoff over.
    private var backoffStep = 1

    /// Starts with the first attempt under way.
    public init(policy: RetryPolicy) {
        self.policy = policy
    }

    /// Whether a failure counts against the throttle: a retryable status, or pushback.
    public func countsAsFailure(_ error: RPCError) -> Bool {
        policy.retryableStatusCodes.contains(error.code) || error.metadata.firstString(forKey: Self.pushbackKey) != nil
    }

    /// The wait before the next attempt after `error`, counting that attempt as made; `nil`
    /// when the call ends with `error`: the status is not retryable, the server had sent
    /// response headers, the attempts are used up, or the server's pushback is negative or
    /// invalid.
    public mutating func retry(after error: RPCError) -> Duration? {
        guard !error.responseStarted, policy.retryableStatusCodes.contains(error.code), made < policy.maxAttempts
        else { return nil }
        let wait: Duration
        if let pushback = error.metadata.firstString(forKey: Self.pushbackKey) {
            guard let milliseconds = Int(pushback), milliseconds >= 0 else { return nil }
            wait = .milliseconds(milliseconds)
            backoffStep = 1
        } else {
            wait = policy.backoff(beforeRetry: backoffStep)
            backoffStep += 1
        }
        made += 1
        return wait
    }

    /// `metadata` with the count of previous attempts, for the current attempt (unchanged
    /// for the first).
    public func metadata(_ metadata: Metadata) -> Metadata {
        guard made > 1 else { return metadata }
        var metadata = metadata
        metadata.append("\(made - 1)", forKey: Self.previousAttemptsKey)
        return metadata
    }
}

/// The attempts of one call (gRFC A6): after each failure, whether and when to try again. A
/// value; the client sleeps and makes the attempts.
///
/// Two kinds of retry: a call the server's application never saw (``RPCError/unprocessed``)
/// is made again once, at once, without counting an attempt (a transparent retry, with or
/// without a policy); a failure with a retryable status is retried under the ``RetryPolicy``.
public struct RetryAttempts: Sendable {
    /// The trailer a server sets to choose the wait before the next attempt (milliseconds), or
    /// to stop retries (a negative or invalid value).
    public static let pushbackKey = "grpc-retry-pushback-ms"
    /// The request header saying how many attempts came before this one.
    public static let previousAttemptsKey = "grpc-previous-rpc-attempts"

    /// The policy; `nil` allows only the transparent retry.
    public let policy: RetryPolicy?
    /// The attempts made so far under the policy, the current one included.
    public private(set) var made = 1
    /// The retry whose backoff bound comes next; pushback starts the backoff over.
    @usableFromInline var backoffStep = 1
    /// Whether the transparent retry has been used.
    @usableFromInline var madeTransparentRetry = false

    /// Starts with the first attempt under way. (Inlinable, as ``metadata(_:)`` is: every
    /// call makes one, in the client's specialised code.)
    @inlinable
    public init(policy: RetryPolicy?) {
        self.policy = policy
    }

    /// The wait before the next attempt after `error`, counting that attempt as made; `nil`
    /// when the call ends with `error`.
    ///
    /// An unprocessed call is made again at once, the first time. Otherwise it needs a policy
    /// whose retryable codes hold the status, no response headers received, attempts left,
    /// the `throttle` allowing it (a retryable status or pushback takes a token from it), and
    /// no negative or invalid pushback.
    public mutating func retry(after error: RPCError, throttle: RetryThrottle? = nil) -> Duration? {
        if error.unprocessed, !madeTransparentRetry {
            madeTransparentRetry = true
            return .zero
        }
        guard let policy else { return nil }
        let pushback = error.metadata.firstString(forKey: Self.pushbackKey)
        let retryable = policy.retryableStatusCodes.contains(error.code)
        if retryable || pushback != nil, let throttle, !throttle.recordFailure() { return nil }
        guard !error.responseStarted, retryable, made < policy.maxAttempts else { return nil }
        let wait: Duration
        if let pushback {
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
    @inlinable
    public func metadata(_ metadata: Metadata) -> Metadata {
        guard made > 1 else { return metadata }
        var metadata = metadata
        metadata.append("\(made - 1)", forKey: Self.previousAttemptsKey)
        return metadata
    }
}

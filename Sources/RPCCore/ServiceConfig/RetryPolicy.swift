/// When and how a failed call is tried again, as gRFC A6 defines it: a call that ends with one
/// of ``retryableStatusCodes`` before the server sent response headers is attempted again, up
/// to ``maxAttempts`` attempts in all, after a random wait up to a bound that starts at
/// ``initialBackoff`` and grows by ``backoffMultiplier`` per retry up to ``maxBackoff``.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included (2 to 5).
    public let maxAttempts: Int
    /// The bound of the first retry's random wait.
    public let initialBackoff: Duration
    /// The largest bound of any retry's wait.
    public let maxBackoff: Duration
    /// How much each retry's bound grows over the previous one's.
    public let backoffMultiplier: Double
    /// The statuses that are retried.
    public let retryableStatusCodes: Set<StatusCode>

    /// The most attempts a policy may ask for; more count as this many.
    public static let attemptLimit = 5

    /// Creates a policy; `maxAttempts` above ``attemptLimit`` counts as ``attemptLimit``.
    ///
    /// - Throws: ``ServiceConfigError`` (at `path`) when `maxAttempts` is below 2, a backoff or
    ///   the multiplier is not above zero, or no status code is given.
    public init(
        maxAttempts: Int, initialBackoff: Duration, maxBackoff: Duration, backoffMultiplier: Double,
        retryableStatusCodes: Set<StatusCode>, path: String = "retryPolicy"
    ) throws(ServiceConfigError) {
        guard maxAttempts >= 2 else {
            throw ServiceConfigError(path: path + ".maxAttempts", "must be at least 2, not \(maxAttempts)")
        }
        guard initialBackoff > .zero else {
            throw ServiceConfigError(path: path + ".initialBackoff", "must be above zero")
        }
        guard maxBackoff > .zero else { throw ServiceConfigError(path: path + ".maxBackoff", "must be above zero") }
        guard backoffMultiplier > 0, backoffMultiplier.isFinite else {
            throw ServiceConfigError(path: path + ".backoffMultiplier", "must be above zero, not \(backoffMultiplier)")
        }
        guard !retryableStatusCodes.isEmpty else {
            throw ServiceConfigError(path: path + ".retryableStatusCodes", "must name at least one status code")
        }
        guard !retryableStatusCodes.contains(.ok) else {
            throw ServiceConfigError(path: path + ".retryableStatusCodes", "OK is not a failure and cannot be retried")
        }
        self.maxAttempts = min(maxAttempts, Self.attemptLimit)
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.backoffMultiplier = backoffMultiplier
        self.retryableStatusCodes = retryableStatusCodes
    }

    /// The bound of the wait before retry `retry` (1 for the first retry):
    /// min(initialBackoff × multiplier^(retry−1), maxBackoff).
    public func backoffBound(beforeRetry retry: Int) -> Duration {
        let grown = initialBackoff * Self.power(backoffMultiplier, max(0, retry - 1))
        return min(grown, maxBackoff)
    }

    /// The wait before retry `retry`: uniformly random between zero and its bound.
    public func backoff(beforeRetry retry: Int) -> Duration {
        backoffBound(beforeRetry: retry) * Double.random(in: 0...1)
    }

    private static func power(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(exponent, 64) { result *= base }
        return result
    }
}

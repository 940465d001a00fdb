import Foundation

/// Exponential backoff with jitter, capped: how long to wait before retry number `attempt`.
///
/// The delay before attempt `n` (from 0) is `initial * multiplier^n`, capped at `maximum`, then
/// scaled by a random factor in `1 - jitter ... 1` so that many clients do not retry in step.
/// Both services use it: the relay while the notification service is down, the webhook
/// sender while the push provider fails.
public struct RetryBackoff: Sendable {
    /// The delay before the first retry (before jitter).
    public var initial: Duration
    /// The growth factor per attempt.
    public var multiplier: Double
    /// The largest delay (before jitter).
    public var maximum: Duration
    /// The fraction of the delay that is random, 0 (none) to 1 (full jitter).
    public var jitter: Double

    /// Creates a backoff policy.
    public init(
        initial: Duration = .milliseconds(100), multiplier: Double = 2, maximum: Duration = .seconds(5),
        jitter: Double = 0.5
    ) {
        self.initial = initial
        self.multiplier = multiplier
        self.maximum = maximum
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The capped delay before attempt `attempt` without jitter.
    public func ceiling(attempt: Int) -> Duration {
        let initialSeconds = initial.inSeconds
        let maximumSeconds = maximum.inSeconds
        let grown = initialSeconds * pow(multiplier, Double(min(max(attempt, 0), 62)))
        return .seconds(min(grown, maximumSeconds))
    }

    /// The delay before attempt `attempt`, with jitter applied.
    public func delay(attempt: Int) -> Duration {
        ceiling(attempt: attempt) * (1 - jitter * Double.random(in: 0...1))
    }
}

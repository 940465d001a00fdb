/// gRPC's connection-backoff algorithm (grpc/doc/connection-backoff.md): how long a client
/// waits between attempts to connect to one address, and how long each attempt may take.
///
/// The first attempt waits `initial`; each failed attempt multiplies the wait by `multiplier`,
/// up to `maximum`, and spreads it by a random ±`jitter` fraction so that many clients do not
/// reconnect in step. An attempt may take at least `minConnectTimeout`. A connection that
/// succeeds starts the sequence again.
public struct ConnectionBackoff: Sendable, Hashable {
    /// The wait after the first failed attempt (not jittered): 1 s by default.
    public var initial: Duration
    /// The growth of the wait per failed attempt: 1.6 by default.
    public var multiplier: Double
    /// The fraction by which a wait is spread at random either way: 0.2 by default.
    public var jitter: Double
    /// The largest wait before jitter: 120 s by default.
    public var maximum: Duration
    /// The least time one attempt may take: 20 s by default.
    public var minConnectTimeout: Duration

    /// Creates a backoff policy; the defaults are gRPC's.
    public init(
        initial: Duration = .seconds(1), multiplier: Double = 1.6, jitter: Double = 0.2,
        maximum: Duration = .seconds(120), minConnectTimeout: Duration = .seconds(20)
    ) {
        self.initial = initial
        self.multiplier = max(multiplier, 1)
        self.jitter = min(max(jitter, 0), 1)
        self.maximum = max(maximum, initial)
        self.minConnectTimeout = minConnectTimeout
    }

    /// One attempt of the sequence: the time from its start before the next may start, and
    /// how long it may take.
    public struct Attempt: Sendable, Hashable {
        /// When the next attempt may start, counted from this attempt's start.
        public var backoff: Duration
        /// How long this attempt may take before it counts as failed.
        public var connectTimeout: Duration
    }

    /// The attempts of one run of the algorithm, each drawing its jitter from a random source
    /// the caller owns (seed it to make the sequence reproducible).
    public struct Attempts: Sendable {
        private let policy: ConnectionBackoff
        private var current: Duration?

        /// Starts at the first attempt.
        public init(_ policy: ConnectionBackoff) {
            self.policy = policy
        }

        /// The next attempt. The first waits exactly `initial`; later ones wait the grown,
        /// capped, jittered backoff.
        public mutating func next(using random: inout some RandomNumberGenerator) -> Attempt {
            let backoff: Duration
            if let previous = current {
                let grown = min(previous * policy.multiplier, policy.maximum)
                current = grown
                let spread = policy.jitter == 0 ? 0 : Double.random(in: -policy.jitter...policy.jitter, using: &random)
                backoff = grown * (1 + spread)
            } else {
                current = policy.initial
                backoff = policy.initial
            }
            return Attempt(backoff: backoff, connectTimeout: max(backoff, policy.minConnectTimeout))
        }
    }
}

/// How often a gRPC server lets a client send HTTP/2 PINGs (gRPC's keepalive enforcement).
///
/// A ping that comes sooner than the allowed interval after the previous one is a strike;
/// when a client has more than `maxStrikes` strikes, the server answers GOAWAY
/// ENHANCE_YOUR_CALM with the debug data `too_many_pings` and closes the connection.
/// Sending the client headers or data forgives its strikes (pings are then expected,
/// for instance to measure bandwidth).
public struct PingPolicy: Sendable, Hashable {
    /// The least time between two pings while calls are open (or ``permitWithoutCalls``):
    /// 5 minutes by default.
    public var minInterval: Duration
    /// Whether pings on a connection without calls are held to ``minInterval`` too; when
    /// false (the default) they are held to ``idleInterval``.
    public var permitWithoutCalls: Bool
    /// How many early pings are forgiven; 0 turns enforcement off. 2 by default.
    public var maxStrikes: Int

    /// The least time between pings on a connection without calls when those are not
    /// permitted: 2 hours, as gRPC's servers use.
    public static let idleInterval: Duration = .seconds(2 * 60 * 60)

    /// Creates a policy; the defaults are gRPC's.
    public init(minInterval: Duration = .seconds(300), permitWithoutCalls: Bool = false, maxStrikes: Int = 2) {
        self.minInterval = minInterval
        self.permitWithoutCalls = permitWithoutCalls
        self.maxStrikes = max(maxStrikes, 0)
    }
}

/// A server connection's record of the client's pings under a ``PingPolicy``.
public struct PingStrikes: Sendable {
    /// The policy enforced.
    public let policy: PingPolicy
    private var lastPing: ContinuousClock.Instant?
    private var strikes = 0
    private var forgiven = false

    /// A record without pings or strikes.
    public init(policy: PingPolicy) {
        self.policy = policy
    }

    /// The strikes counted so far.
    public var count: Int { strikes }

    /// The server sent headers or data: the next ping clears the strikes instead of counting.
    public mutating func sentHeadersOrData() {
        forgiven = true
    }

    /// Records a ping (not a ping ACK) received at `now`; returns true when the client has
    /// struck out and must be sent GOAWAY ENHANCE_YOUR_CALM.
    public mutating func receivedPing(at now: ContinuousClock.Instant, hasOpenCalls: Bool) -> Bool {
        defer { lastPing = now }
        if forgiven {
            forgiven = false
            strikes = 0
            return false
        }
        guard policy.maxStrikes > 0, let lastPing else { return false }
        let allowed = hasOpenCalls || policy.permitWithoutCalls ? policy.minInterval : PingPolicy.idleInterval
        if lastPing.duration(to: now) < allowed { strikes += 1 }
        return strikes > policy.maxStrikes
    }

    /// The GOAWAY debug data gRPC servers send with ENHANCE_YOUR_CALM for too many pings.
    public static let goAwayDebugData = "too_many_pings"
}

/// Bounds on what the peer of a connection can make this end hold or do, beyond the SETTINGS
/// that ``HTTP2Settings`` announces (header list size, concurrent streams, windows).
///
/// A peer that exceeds a rate is answered with GOAWAY ENHANCE_YOUR_CALM and the connection
/// is closed; one that exceeds a size is refused the stream, or the connection when the
/// excess cannot be undone (a CONTINUATION flood). The defaults let any well-behaved gRPC
/// peer through.
public struct PeerLimits: Sendable, Hashable {
    /// Server side: streams the client may reset (RST_STREAM) in quick succession, the
    /// "rapid reset" attack (CVE-2023-44487): 1000 at once (a client may cancel every call it
    /// has open), then 100 a second.
    public var streamResets = RateLimit(burst: 1000, perSecond: 100)
    /// SETTINGS frames the peer may send, each of which must be acknowledged: 100 at once,
    /// then 10 a second.
    public var settingsFrames = RateLimit(burst: 100, perSecond: 10)
    /// The most entries one SETTINGS frame may carry (nghttp2 sends GOAWAY ENHANCE_YOUR_CALM
    /// beyond it): 32.
    public var maxSettingsEntries = 32
    /// The most CONTINUATION frames after one HEADERS frame; more close the connection with
    /// GOAWAY ENHANCE_YOUR_CALM (CVE-2024-28182): 8.
    public var maxContinuations = 8
    /// The most SETTINGS and PING acknowledgements queued for a peer that does not read them;
    /// more close the connection: 1000.
    public var maxQueuedAcks = 1000
    /// Server side: a client must complete its connection preface, SETTINGS included (and the
    /// TLS handshake before it), within this time, or the connection is closed: 10 seconds.
    public var handshakeTimeout: Duration = .seconds(10)

    /// Limits with the defaults above.
    public init() {}
}

/// A rate in the shape of a token bucket: `burst` events at once, refilled at `perSecond`.
public struct RateLimit: Sendable, Hashable {
    /// How many events may come at once.
    public var burst: Int
    /// How many events a second are allowed after the burst.
    public var perSecond: Int

    /// A limit of `burst` events at once and `perSecond` after that.
    public init(burst: Int, perSecond: Int) {
        self.burst = max(burst, 1)
        self.perSecond = max(perSecond, 0)
    }
}

/// A token bucket for a ``RateLimit``: each event takes a token; tokens return at the rate.
struct TokenBucket {
    private let limit: RateLimit
    private var tokens: Double
    private var refilledAt: ContinuousClock.Instant

    init(_ limit: RateLimit, now: ContinuousClock.Instant = .now) {
        self.limit = limit
        tokens = Double(limit.burst)
        refilledAt = now
    }

    /// Takes a token for an event at `now`; false when none is left (the rate is exceeded).
    mutating func take(at now: ContinuousClock.Instant = .now) -> Bool {
        let elapsed = refilledAt.duration(to: now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        tokens = min(Double(limit.burst), tokens + seconds * Double(limit.perSecond))
        refilledAt = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}

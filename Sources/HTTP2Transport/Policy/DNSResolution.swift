/// How often a channel to a `dns:` target looks its host name up again.
///
/// gRPC re-resolves when a connection fails, but never sooner than 30 s after the previous
/// lookup; this channel also re-resolves every ``interval`` so that new addresses are found
/// while the old ones still work.
public struct DNSResolution: Sendable, Hashable {
    /// The time between lookups while nothing fails (30 s by default).
    public var interval: Duration
    /// The least time between two lookups, however often connections fail (gRPC's 30 s by
    /// default; tests shrink it).
    public var minimumInterval: Duration

    /// Re-resolution every `interval`, and on a failed connection no sooner than
    /// `minimumInterval` after the previous lookup.
    public init(interval: Duration = .seconds(30), minimumInterval: Duration = .seconds(30)) {
        self.interval = interval
        self.minimumInterval = minimumInterval
    }
}

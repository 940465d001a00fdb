/// The HTTP/2 SETTINGS and flow-control windows a connection announces, and how it checks
/// that its peer is alive and well-behaved (PINGs, idleness).
///
/// The windows bound memory: a peer can have at most `initialWindowSize` bytes in flight per
/// stream and `connectionWindowSize` per connection that the application has not read yet.
public struct HTTP2Settings: Sendable, Hashable {
    /// How many streams the peer may open at once (SETTINGS_MAX_CONCURRENT_STREAMS). nghttp2
    /// refuses streams beyond it with REFUSED_STREAM until the peer has acknowledged these
    /// SETTINGS; a peer that exceeds it after that breaks the protocol (GOAWAY PROTOCOL_ERROR).
    public var maxConcurrentStreams: UInt32 = 256
    /// The per-stream receive window (SETTINGS_INITIAL_WINDOW_SIZE), in bytes.
    public var initialWindowSize: UInt32 = 1 << 20
    /// The connection-wide receive window, in bytes (sent as a WINDOW_UPDATE on stream 0).
    public var connectionWindowSize: UInt32 = 8 << 20
    /// The largest frame payload the peer may send (SETTINGS_MAX_FRAME_SIZE), 16 KiB to 16 MiB.
    public var maxFrameSize: UInt32 = 1 << 16
    /// The largest header list the peer may send (SETTINGS_MAX_HEADER_LIST_SIZE), in bytes,
    /// counted as the setting does (name, value and 32 per field). A server answers a larger
    /// request with RESOURCE_EXHAUSTED; any other larger block resets its stream with
    /// ENHANCE_YOUR_CALM. Fields past the limit are never kept.
    public var maxHeaderListSize: UInt32 = 16 << 10
    /// How many bytes a stream's writer may buffer before `write` suspends.
    public var outboundBufferLimit: Int = 256 << 10

    /// Client side: keepalive PINGs that detect a dead server; nil (the default) sends none.
    public var keepalive: ClientKeepalive?
    /// Server side: how often clients may send PINGs; abuse is answered with GOAWAY
    /// ENHANCE_YOUR_CALM and the connection closed. gRPC's default policy.
    public var pingPolicy = PingPolicy()
    /// Server side: a connection without streams for this long is sent GOAWAY and closed
    /// (checked every quarter of it); nil (the default) keeps idle connections open.
    public var idleTimeout: Duration?
    /// Rates and counts a peer may not exceed (resets, SETTINGS, CONTINUATIONs, handshake time).
    public var limits = PeerLimits()

    /// Settings with the defaults above.
    public init() {}
}

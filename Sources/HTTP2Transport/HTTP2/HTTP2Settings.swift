/// The HTTP/2 SETTINGS and flow-control windows a connection announces.
///
/// The windows bound memory: a peer can have at most `initialWindowSize` bytes in flight per
/// stream and `connectionWindowSize` per connection that the application has not read yet.
public struct HTTP2Settings: Sendable, Hashable {
    /// How many streams the peer may open at once (SETTINGS_MAX_CONCURRENT_STREAMS).
    public var maxConcurrentStreams: UInt32 = 256
    /// The per-stream receive window (SETTINGS_INITIAL_WINDOW_SIZE), in bytes.
    public var initialWindowSize: UInt32 = 1 << 20
    /// The connection-wide receive window, in bytes (sent as a WINDOW_UPDATE on stream 0).
    public var connectionWindowSize: UInt32 = 8 << 20
    /// The largest frame payload the peer may send (SETTINGS_MAX_FRAME_SIZE), 16 KiB to 16 MiB.
    public var maxFrameSize: UInt32 = 1 << 16
    /// The largest header list the peer may send (SETTINGS_MAX_HEADER_LIST_SIZE), in bytes.
    public var maxHeaderListSize: UInt32 = 16 << 10
    /// How many bytes a stream's writer may buffer before `write` suspends.
    public var outboundBufferLimit: Int = 256 << 10

    /// Settings with the defaults above.
    public init() {}
}

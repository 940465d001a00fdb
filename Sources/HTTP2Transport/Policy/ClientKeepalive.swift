/// Keepalive PINGs a client sends on each connection to find out that the server is gone
/// (a dead host or a broken network path sends no FIN or RST).
///
/// Every `interval` the client sends a PING; when its ACK does not come within `timeout`, the
/// connection is closed and its calls end with UNAVAILABLE. Servers limit how often they may
/// be pinged (``PingPolicy``, 5 minutes by default for gRPC servers): a shorter interval may be
/// answered with GOAWAY ENHANCE_YOUR_CALM.
public struct ClientKeepalive: Sendable, Hashable {
    /// The time between PINGs.
    public var interval: Duration
    /// How long to wait for a PING's ACK: 20 s by default.
    public var timeout: Duration
    /// Whether to ping while no call is open (false by default: idle connections are not pinged).
    public var permitWithoutCalls: Bool

    /// Creates a keepalive configuration.
    public init(interval: Duration, timeout: Duration = .seconds(20), permitWithoutCalls: Bool = false) {
        self.interval = interval
        self.timeout = timeout
        self.permitWithoutCalls = permitWithoutCalls
    }
}

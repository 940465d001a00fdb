/// Per-call settings a client passes with an RPC.
public struct CallOptions: Sendable, Hashable {
    /// The default largest message a client accepts: 4 MiB.
    public static let defaultMaxReceiveMessageSize = 4 * 1024 * 1024

    /// How long the call may take, from its start; `nil` for no limit.
    /// The client turns it into ``deadline`` when the call starts.
    public var timeout: Duration?

    /// The instant the call must end by. Transports send the time remaining until it as
    /// `grpc-timeout`; the client fails the call with ``StatusCode/deadlineExceeded`` when it
    /// passes. When both are set, the earlier of this and `start + timeout` applies.
    public var deadline: ContinuousClock.Instant?

    /// The largest message, in bytes, the client accepts; larger ones end the call with
    /// ``StatusCode/resourceExhausted``.
    public var maxReceiveMessageSize: Int

    /// The algorithm request messages are compressed with (sent as `grpc-encoding`);
    /// `identity` sends them uncompressed. A server lacking it ends the call with
    /// ``StatusCode/unimplemented``.
    public var compression: CompressionAlgorithm

    /// A handle on the call's compression, to send some request messages uncompressed or to
    /// see whether each response message arrived compressed; `nil` when not needed. Use one
    /// per call: the transport sets its algorithm to ``compression`` when the call starts.
    public var messageCompression: CallCompression?

    /// Whether the call waits for a connection while the channel cannot connect (every
    /// address failed its last attempt), until its deadline; false fails it at once with
    /// ``StatusCode/unavailable``, as gRPC does. Calls wait while a first attempt is under way
    /// either way.
    public var waitForReady = false
    /// The most request bytes a client- or bidirectional-streaming call keeps to send again
    /// on a retry (gRFC A6); once its messages pass it, or the response headers arrive, the
    /// call commits to its current attempt and is not retried. 256 KiB, as in gRPC.
    public var retryBufferSize = 256 * 1024

    /// Creates options.
    public init(
        timeout: Duration? = nil, deadline: ContinuousClock.Instant? = nil,
        maxReceiveMessageSize: Int = CallOptions.defaultMaxReceiveMessageSize,
        compression: CompressionAlgorithm = .identity, messageCompression: CallCompression? = nil
    ) {
        self.timeout = timeout
        self.deadline = deadline
        self.maxReceiveMessageSize = maxReceiveMessageSize
        self.compression = compression
        self.messageCompression = messageCompression
    }

    /// The options with ``deadline`` set to the earlier of the deadline and
    /// `start + timeout`, which is what a transport reads.
    public func resolvingDeadline(from start: ContinuousClock.Instant) -> CallOptions {
        var resolved = self
        if let timeout {
            let fromTimeout = start.advanced(by: timeout)
            resolved.deadline = deadline.map { min($0, fromTimeout) } ?? fromTimeout
        }
        return resolved
    }
}

/// A way for a client to open RPC streams to a server: the contract every client transport
/// (HTTP/2 over nghttp2, in-process) implements: its two part types, ``run()``,
/// ``withStream(descriptor:options:_:)`` and ``beginGracefulShutdown()``, and optionally
/// ``adopt(_:)`` (whose default takes nothing from a service config). Every kind of call,
/// unary included, runs on a stream from `withStream`.
///
/// Lifecycle: ``run()`` is the transport's lifetime: it returns once
/// ``beginGracefulShutdown()`` has been called and every open stream has ended, or when the
/// transport fails for good. Streams may be opened with ``withStream(descriptor:options:_:)``
/// while `run()` runs; a transport that needs background work to open streams may wait for
/// `run()` to start (the HTTP/2 and in-process transports do not: they connect on demand).
///
/// Per stream, the transport:
/// 1. sends the request headers when the first part, ``RequestPart/metadata(_:)``, is written
///    (the caller always writes it first), with `grpc-timeout` from
///    ``CallOptions/deadline`` when set;
/// 2. sends each ``RequestPart/message(_:)`` with its 5-byte prefix, compressed with
///    ``CallOptions/compression`` when it is not `identity` (unless
///    ``CallOptions/messageCompression`` switched compression off for it), suspending the
///    writer while the flow-control window is full;
/// 3. ends the request stream on ``ClosableRPCPartWriter/finish()``;
/// 4. yields response parts on `inbound`, always ending with exactly one
///    ``ResponsePart/status(_:_:)``: the server's, or one the transport makes from a reset
///    stream, GOAWAY, connection loss or a protocol violation (never a thrown error once the
///    stream was opened, but for a stream the server refused before processing it: that
///    fails UNAVAILABLE marked ``RPCError/unprocessed``, which the client makes again), and
///    messages larger than ``CallOptions/maxReceiveMessageSize`` end
///    it with ``StatusCode/resourceExhausted``;
/// 5. when `body` returns or throws before the status arrived, resets the stream
///    (HTTP/2 `RST_STREAM` with `CANCEL`) so the server sees the cancellation.
public protocol ClientTransport: Sendable {
    /// The transport's sequence of response parts.
    associatedtype Inbound: AsyncSequence<ResponsePart, RPCError>, Sendable
    /// The transport's writer of request parts.
    associatedtype Outbound: ClosableRPCPartWriter<RequestPart>

    /// Runs the transport until it has shut down.
    ///
    /// - Throws: ``RPCError`` (``StatusCode/unavailable``) when the transport cannot run at all.
    func run() async throws(RPCError)

    /// Opens a stream for `descriptor`, runs `body` with it, and closes it when `body` ends.
    ///
    /// Runs `body` on the caller's executor; `body` need not be `Sendable`.
    ///
    /// - Throws: ``RPCError`` with ``StatusCode/unavailable`` when no stream can be opened
    ///   (shut down, cannot connect), or whatever `body` throws.
    nonisolated(nonsending) func withStream<Result>(
        descriptor: MethodDescriptor, options: CallOptions,
        _ body: nonisolated(nonsending) (RPCStream<Inbound, Outbound>) async throws -> Result
    ) async throws -> Result

    /// Takes the parts of `config` that belong to the channel rather than to a call (its
    /// load-balancing policy, for a transport with several addresses) and returns the retry
    /// throttle shared by the calls of the transport's target, or nil when `config` has no
    /// ``ServiceConfig/retryThrottling``. `RPCClient` calls it once, when created with a config.
    ///
    /// The default takes nothing and returns a throttle of the caller's own.
    func adopt(_ config: ServiceConfig) -> RetryThrottle?

    /// Stops opening new streams; streams already open run to their end, then ``run()``
    /// returns. Calling it again does nothing.
    func beginGracefulShutdown()
}

extension ClientTransport {
    /// Takes nothing of `config`; the throttle it asks for is the caller's own.
    public func adopt(_ config: ServiceConfig) -> RetryThrottle? {
        config.retryThrottling.map { RetryThrottle($0) }
    }
}

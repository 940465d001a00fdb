/// One open RPC stream as a transport hands it out: the parts arriving from the peer and a
/// writer for the parts going to it.
///
/// Generic over the transport's own sequence and writer types so the calls through it are
/// specialised, with no existential boxes on the message path.
///
/// Contract for implementers of `Inbound`:
/// - It yields the peer's parts in order and finishes (returns `nil`) after the last one;
///   a response stream always ends with a ``ResponsePart/status(_:_:)`` (transports turn
///   resets, GOAWAY and protocol violations into one) and then finishes.
/// - Request streams finish at the client's end of stream. They throw ``RPCError`` when the
///   stream breaks before that (``StatusCode/cancelled`` for a client reset, for example).
/// - Iteration responds to task cancellation by throwing ``StatusCode/cancelled``.
/// - It is iterated once, by one task.
public struct RPCStream<Inbound, Outbound>: Sendable
where
    Inbound: AsyncSequence & Sendable, Inbound.Failure == RPCError,
    Outbound: RPCPartWriter
{
    /// The method the stream calls.
    public var descriptor: MethodDescriptor
    /// The parts arriving from the peer.
    public var inbound: Inbound
    /// The writer for the parts going to the peer.
    public var outbound: Outbound

    /// Creates a stream from its two halves.
    public init(descriptor: MethodDescriptor, inbound: Inbound, outbound: Outbound) {
        self.descriptor = descriptor
        self.inbound = inbound
        self.outbound = outbound
    }
}

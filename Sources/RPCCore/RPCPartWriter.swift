/// The outbound half of a stream: writes parts to the peer, in order.
///
/// Contract for implementers (transports):
/// - ``write(_:)`` returns once the part is accepted into a bounded buffer. It **suspends**
///   while that buffer is full, which happens when the peer's HTTP/2 flow-control window is
///   exhausted or it reads slowly: this is the backpressure a fast writer feels.
/// - A suspended or new `write` throws ``RPCError`` when the stream has ended (the peer reset
///   it, the connection closed, or the final part was already written) and when the writing
///   task is cancelled (``StatusCode/cancelled``). The error is the reason the stream ended;
///   a client should still read the inbound side for the server's status.
/// - Writes are made by one task at a time; parts are delivered in the order written.
public protocol RPCPartWriter<Part>: Sendable {
    /// The kind of part written: ``RequestPart`` or ``ResponsePart``.
    associatedtype Part: Sendable

    /// Writes one part, suspending while the stream's outbound buffer is full.
    ///
    /// - Throws: ``RPCError`` when the stream has ended or the task was cancelled.
    nonisolated(nonsending) func write(_ part: Part) async throws(RPCError)
}

/// A writer whose direction the writer ends explicitly: the client's request side.
///
/// ``finish()`` ends the request stream (HTTP/2 `END_STREAM`, a half-close); the server sees
/// the end of its inbound messages. It never suspends for flow control, may be called more
/// than once (later calls do nothing) and does nothing once the stream has ended.
public protocol ClosableRPCPartWriter<Part>: RPCPartWriter {
    /// Ends this direction of the stream after the parts already written.
    nonisolated(nonsending) func finish() async
}

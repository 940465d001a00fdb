/// A way for a server to accept RPC streams: the contract every server transport
/// (HTTP/2 over nghttp2, in-process) implements.
///
/// Per accepted stream, the transport:
/// 1. validates the request headers (method, `:path`, content-type, `te`, `grpc-timeout`,
///    `grpc-encoding`) and rejects bad ones itself, without calling the handler;
/// 2. **starts the handler's task itself**, so it can choose where it runs (the HTTP/2
///    transport runs it on the connection's event loop, in a task pinned there with
///    `Task(executorPreference:)` and reused stream after stream);
///    the handler is called once per stream with the stream and its ``ServerContext``
///    (peer, deadline parsed from `grpc-timeout`), unless the client reset the stream before
///    the handler could start;
/// 3. yields request parts on `inbound`: one ``RequestPart/metadata(_:)`` (custom metadata,
///    reserved keys removed) first, then the messages; it finishes at the client's end of
///    stream and throws ``RPCError`` (``StatusCode/cancelled``) if the client resets the
///    stream, and a message over the server's receive limit throws
///    ``StatusCode/resourceExhausted``;
/// 4. takes response parts from the handler's writer: ``ResponsePart/metadata(_:)`` sends
///    the headers, ``ResponsePart/message(_:)`` a prefixed message (suspending while the
///    window is full), ``ResponsePart/status(_:_:)`` the trailers and ends the stream;
///    a status written before any metadata is sent as a Trailers-Only response;
/// 5. cancels the handler's task when the client resets the stream or the connection closes.
///
/// The handler (the server core) always writes a status as its last part before returning.
public protocol ServerTransport: Sendable {
    /// The transport's sequence of request parts.
    associatedtype Inbound: AsyncSequence<RequestPart, RPCError>, Sendable
    /// The transport's writer of response parts.
    associatedtype Outbound: RPCPartWriter<ResponsePart>

    /// Accepts streams, calling `handler` for each in a task the transport starts, until
    /// shut down; returns once ``beginGracefulShutdown()`` was called, every handler task
    /// has finished, and the transport has released its resources.
    ///
    /// - Throws: ``RPCError`` (``StatusCode/unavailable``) when it cannot listen at all
    ///   (the address is in use, for example).
    func listen(
        _ handler: @escaping @Sendable (RPCStream<Inbound, Outbound>, ServerContext) async -> Void
    ) async throws(RPCError)

    /// Stops accepting new streams (HTTP/2 GOAWAY); streams already open run to their end,
    /// then ``listen(_:)`` returns. Calling it again does nothing.
    func beginGracefulShutdown()

    /// Stops accepting new streams as ``beginGracefulShutdown()`` does, and cancels the
    /// streams still open when `gracePeriod` has passed: their handler tasks are cancelled and
    /// their clients see UNAVAILABLE. A later call with a shorter period shortens the grace.
    func beginGracefulShutdown(gracePeriod: Duration)
}

import RPCCore

/// The server's view of one request: its header block field by field, then its DATA
/// deframed into messages, then the client's END_STREAM.
///
/// The HTTP/2 transport keeps one per server stream on the connection's loop and feeds it
/// nghttp2's events as they arrive; the response side is ``ServerResponseStateMachine``.
public struct ServerRequestStateMachine: Sendable {
    @usableFromInline
    enum Phase: Sendable {
        case receivingHeaders
        case receivingMessages
        case closed
    }

    @usableFromInline var phase = Phase.receivingHeaders
    // Kept outside the enum so each header field mutates it in place, without a copy; nil
    // once the headers are parsed, or dropped for going over the ingress limits.
    @usableFromInline var parser: ServerRequestHeadParser?
    // Replaced, with the limit and the request's encoding, once the headers are accepted.
    private var deframer = MessageDeframer(maxMessageSize: 0)

    /// Creates a machine awaiting a request's header block. `reusingPath` is the `:path` of
    /// the connection's previous request, whose string is reused when this one's is the same.
    public init(reusingPath: String? = nil) {
        parser = ServerRequestHeadParser(reusingPath: reusingPath)
    }

    /// Takes one field of the request's header block (fields of a later block are ignored:
    /// gRPC clients send no trailers).
    @inlinable
    public mutating func receiveHeader(name: String, value: String) {
        guard case .receivingHeaders = phase else { return }
        parser?.receive(name: name, value: value)
    }

    /// Takes one header field given as borrowed bytes (from nghttp2's `on_header` callback);
    /// inlinable, as it runs for every field of every request.
    @inlinable
    public mutating func receiveHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        guard case .receivingHeaders = phase else { return }
        parser?.receive(name: name, value: value)
    }

    /// Drops the header block received so far: a field went over the connection's ingress
    /// limits, and the transport answers the request without reading it.
    public mutating func dropHeaderBlock() {
        parser = nil
    }

    /// Ends the request header block. On success the request's messages may follow, each up to
    /// `maxReceiveMessageSize` bytes (compressed or inflated) in an encoding `compression`
    /// enables; on failure the transport answers with the rejection and the request is over.
    public mutating func endRequestHeaders(
        compression: CompressionConfiguration, maxReceiveMessageSize: Int
    ) -> Result<ServerRequestHead, RequestRejection> {
        guard case .receivingHeaders = phase, let parser = parser.take() else {
            phase = .closed
            return .failure(.reset(.protocolError, message: "no complete request header block"))
        }
        let result = parser.finish(compression: compression)
        switch result {
        case .success(let head):
            phase = .receivingMessages
            deframer = MessageDeframer(maxMessageSize: maxReceiveMessageSize)
            if head.encoding != .identity { deframer.setEncoding(head.encoding.name) }
        case .failure:
            phase = .closed
        }
        return result
    }

    /// Whether request DATA is taken now: the headers were accepted and the request has
    /// neither ended nor broken its framing.
    public var isReceivingMessages: Bool {
        if case .receivingMessages = phase { return true }
        return false
    }

    /// Consumes DATA bytes from the front of `chunk` and returns the next complete request
    /// message with whether it arrived compressed, or `nil` once `chunk` is used up. DATA of a
    /// request that was refused or broke its framing is consumed and dropped.
    ///
    /// - Throws: ``RPCError``: INTERNAL for a compressed or malformed prefix; RESOURCE_EXHAUSTED
    ///   for a message over the limit. The request is over: the transport fails the handler's
    ///   inbound with the error, and the handler's status then ends the stream.
    public mutating func receiveData(
        _ chunk: inout UnsafeRawBufferPointer
    ) throws(RPCError) -> (message: [UInt8], compressed: Bool)? {
        guard case .receivingMessages = phase else {
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            return nil
        }
        do throws(RPCError) {
            guard let message = try deframer.nextMessage(from: &chunk) else { return nil }
            return (message, deframer.lastMessageWasCompressed)
        } catch {
            phase = .closed
            chunk = UnsafeRawBufferPointer(start: nil, count: 0)
            throw error
        }
    }

    /// The client ended its request stream (END_STREAM). Before the headers were accepted, or
    /// after the request broke, there is nothing to check.
    ///
    /// - Throws: ``RPCError`` with INTERNAL when it ended in the middle of a message.
    public mutating func receiveEndOfStream() throws(RPCError) {
        guard case .receivingMessages = phase else { return }
        phase = .closed
        try deframer.checkEndOfStream()
    }
}

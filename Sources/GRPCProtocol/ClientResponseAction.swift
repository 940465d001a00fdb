import RPCCore

/// What the transport does after feeding the client's response state machine.
public enum ClientResponseAction: Sendable, Hashable {
    /// Nothing to deliver yet; feed more input.
    case none
    /// Deliver this part to the call. After a ``ResponsePart/status(_:_:)`` the stream is
    /// over; reset it with CANCEL if the server has not ended it.
    case part(ResponsePart)
    /// The response broke the protocol: deliver `.status(status, [:])` to the call and reset
    /// the stream with `reset`.
    case fail(Status, reset: HTTP2ErrorCode)
    /// The server refused the stream before sending any response header (RST_STREAM with
    /// REFUSED_STREAM, or a GOAWAY that left it unprocessed): its application never saw the
    /// call, so the call may be made again at once (gRFC A6's transparent retry). The stream is
    /// over; the status is the attempt's error.
    case refused(Status)
}

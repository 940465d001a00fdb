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
}

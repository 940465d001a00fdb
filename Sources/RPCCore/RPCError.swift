/// An RPC that ended with a status other than OK.
///
/// Server handlers throw it to choose the status (and trailing metadata) the client sees;
/// clients receive it when a call fails. Anything else a handler throws reaches the client as
/// ``StatusCode/unknown`` without its description, so internals never leak.
public struct RPCError: Error, Sendable, CustomStringConvertible {
    /// The status code; never ``StatusCode/ok``.
    public var code: StatusCode
    /// A message for a person.
    public var message: String
    /// Trailing metadata sent with (server) or received with (client) the status.
    public var metadata: Metadata
    /// The underlying error, when there is one; kept local, never sent to the peer.
    public var cause: (any Error & Sendable)?
    /// Whether the call had received the server's response headers when it failed (the
    /// server "committed" to the attempt, in gRFC A6's words); a client retries only a call
    /// that had not. Set by the client side only.
    public var responseStarted = false
    /// Whether the server's application never saw the call: its stream was refused before
    /// the server processed it (REFUSED_STREAM, a GOAWAY that left it out, a connection that
    /// had stopped taking streams). A client makes such a call again once, at once and without
    /// counting an attempt (gRFC A6's transparent retry). Set by the client side only.
    public var unprocessed = false

    /// Creates an error. A code of ``StatusCode/ok`` is replaced by ``StatusCode/unknown``,
    /// since an OK status is not an error.
    public init(
        code: StatusCode, message: String, metadata: Metadata = Metadata(),
        cause: (any Error & Sendable)? = nil
    ) {
        self.code = code == .ok ? .unknown : code
        self.message = message
        self.metadata = metadata
        self.cause = cause
    }

    /// The error a non-OK status describes, or `nil` when the status is OK.
    public init?(status: Status, metadata: Metadata = Metadata()) {
        guard status.code != .ok else { return nil }
        self.init(code: status.code, message: status.message, metadata: metadata)
    }

    /// The code and message as a ``Status``.
    public var status: Status { Status(code: code, message: message) }

    /// `CODE_NAME (n): message`, followed by the cause when there is one and the message does
    /// not already quote it.
    public var description: String {
        var text = status.description
        if let cause, case let quoted = "\(cause)", !message.contains(quoted) { text += " (cause: \(quoted))" }
        return text
    }
}

import RPCCore

/// How one attempt to open a call's stream on a connection went.
enum StreamOpenAttempt<Opened: Sendable>: Sendable {
    /// The stream opened (for a unary exchange: and completed) with this result.
    case opened(Opened)
    /// The server never saw the stream: the connection had stopped taking streams (it closed,
    /// or GOAWAY arrived, between the pick and the open), or the server refused the stream
    /// before answering it (REFUSED_STREAM).
    case refused(reason: String)
    /// The call failed on this connection after its stream opened.
    case failed(RPCError)
}

extension HTTP2ClientTransport {
    /// Opens a call's stream with `open` on a ready connection (`picked` first, while it is
    /// still usable).
    ///
    /// Both client paths (``withStream(descriptor:options:_:)`` through ``ClientCall`` and
    /// ``unary(descriptor:options:metadata:message:)``) open their streams here. A refusal
    /// becomes an UNAVAILABLE ``RPCError`` marked ``RPCError/unprocessed``: `RPCClient` makes
    /// such a call again (once, at once), for every kind of call, in one place.
    ///
    /// - Throws: ``RPCError``: UNAVAILABLE when no connection takes the stream (or, without
    ///   `waitForReady`, none is reachable); CANCELLED when the task is cancelled while waiting
    ///   for a connection; the error of a ``StreamOpenAttempt/failed(_:)`` attempt.
    nonisolated(nonsending) func openStream<Opened>(
        waitForReady: Bool, picked: HTTP2Connection? = nil,
        _ open: nonisolated(nonsending) (HTTP2Connection) async -> StreamOpenAttempt<Opened>
    ) async throws(RPCError) -> Opened {
        let connection: HTTP2Connection
        if let picked, picked.isUsable {
            connection = picked
        } else {
            connection = try await self.connection(waitForReady: waitForReady)
        }
        switch await open(connection) {
        case .opened(let opened):
            return opened
        case .failed(let error):
            throw error
        case .refused(let reason):
            var error = RPCError(code: .unavailable, message: reason)
            error.unprocessed = true
            throw error
        }
    }
}

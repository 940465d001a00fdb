import RPCCore

/// How one attempt to open a call's stream on a connection went.
enum StreamOpenAttempt<Opened: Sendable>: Sendable {
    /// The stream opened (for a unary exchange: and completed) with this result.
    case opened(Opened)
    /// The connection refused the stream because it stopped taking streams (it closed, or
    /// GOAWAY arrived, between the pick and the open): the server never saw the stream.
    case refused(reason: String)
    /// The call failed on this connection after its stream opened; not retried.
    case failed(RPCError)
}

extension HTTP2ClientTransport {
    /// Opens a call's stream with `open` on a ready connection (`picked` first, while it is
    /// still usable), and once more on another connection when that one refused the stream
    /// because it had stopped taking streams: the server never saw the stream, so opening it
    /// elsewhere is safe. A refusal by a connection that is still usable, or a second refusal,
    /// fails the call.
    ///
    /// Both client paths (``withStream(descriptor:options:_:)`` through ``ClientCall`` and
    /// ``unary(descriptor:options:metadata:message:)``) open their streams here, so this is
    /// the one place where a call's open is retried, and where transparent retries belong.
    ///
    /// - Throws: ``RPCError``: UNAVAILABLE when no connection takes the stream (or, without
    ///   `waitForReady`, none is reachable); CANCELLED when the task is cancelled while waiting
    ///   for a connection; the error of a ``StreamOpenAttempt/failed(_:)`` attempt.
    nonisolated(nonsending) func openRetryingRefusal<Opened>(
        waitForReady: Bool, picked: HTTP2Connection? = nil,
        _ open: nonisolated(nonsending) (HTTP2Connection) async -> StreamOpenAttempt<Opened>
    ) async throws(RPCError) -> Opened {
        var connection: HTTP2Connection
        if let picked, picked.isUsable {
            connection = picked
        } else {
            connection = try await self.connection(waitForReady: waitForReady)
        }
        var attempts = 1
        while true {
            switch await open(connection) {
            case .opened(let opened):
                return opened
            case .failed(let error):
                throw error
            case .refused(let reason):
                guard attempts < 2, !connection.isUsable else { throw RPCError(code: .unavailable, message: reason) }
                attempts += 1
                connection = try await self.connection(waitForReady: waitForReady)
            }
        }
    }
}

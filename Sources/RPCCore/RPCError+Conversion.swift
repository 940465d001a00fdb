/// The ``RPCError`` for an error a call layer caught: itself when it is one, CANCELLED for
/// task cancellation, otherwise `code` with `message` and the error as its cause.
func rpcError(from error: any Error, otherwise code: StatusCode, _ message: String) -> RPCError {
    if let error = error as? RPCError { return error }
    if error is CancellationError { return RPCError(code: .cancelled, message: "the call was cancelled") }
    return RPCError(code: code, message: message, cause: error)
}

/// The ``RPCError`` a failed call reports for `error` (UNKNOWN for an error that is not one).
@usableFromInline
func callError(_ error: any Error) -> RPCError {
    rpcError(from: error, otherwise: .unknown, "the call failed")
}

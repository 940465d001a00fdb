/// Runs `body` in a child task that is cancelled when `deadline` passes, in which case the
/// call fails with DEADLINE_EXCEEDED once `body` has returned; without a deadline, `body`
/// runs directly in the current task.
///
/// - Throws: ``RPCError``: DEADLINE_EXCEEDED at the deadline (at once if it has passed),
///   or whatever `body` throws.
@usableFromInline
nonisolated(nonsending) func withDeadline<Result: Sendable>(
    _ deadline: ContinuousClock.Instant?,
    _ body: @escaping @Sendable () async throws(RPCError) -> Result
) async throws(RPCError) -> Result {
    guard let deadline else { return try await body() }
    guard deadline > .now else { throw deadlineExceeded }
    let outcome = await withTaskGroup(of: Swift.Result<Result, RPCError>?.self) { group in
        group.addTask {
            do throws(RPCError) {
                return .success(try await body())
            } catch {
                return .failure(error)
            }
        }
        group.addTask {
            do {
                try await Task.sleep(until: deadline, clock: .continuous)
                return .failure(deadlineExceeded)
            } catch {
                return nil
            }
        }
        // The first child to finish decides; the other is cancelled and awaited.
        while let next = await group.next() {
            if let decided = next {
                group.cancelAll()
                return decided
            }
        }
        return .failure(deadlineExceeded)
    }
    return try outcome.get()
}

let deadlineExceeded = RPCError(code: .deadlineExceeded, message: "the deadline passed before the call completed")

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

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

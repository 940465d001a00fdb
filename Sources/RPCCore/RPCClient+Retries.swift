extension RPCClient {
    /// Makes a call's attempts (gRFC A6), each with `attempt` given the attempts so far (for
    /// the request metadata of this one, ``RetryAttempts/metadata(_:)``), starting from
    /// `start` (an attempt under way) or a first attempt: a failure is tried again when ``RetryAttempts`` says so (a transparent retry for a
    /// call the server never processed; `policy`'s retries otherwise, the client's throttle
    /// allowing), `mayRetry` still holds (a streaming call has not committed) and the wait
    /// ends before `deadline`; else the last attempt's error is thrown.
    ///
    /// Every kind of call is retried here. The first attempt runs inline; the retries, rare,
    /// in ``retrying(after:_:deadline:mayRetry:_:)``.
    @inlinable
    nonisolated(nonsending) func retrying<Value>(
        _ policy: RetryPolicy?, deadline: ContinuousClock.Instant?, from start: RetryAttempts? = nil,
        mayRetry: () -> Bool = { true },
        _ attempt: nonisolated(nonsending) (RetryAttempts) async throws(RPCError) -> Value
    ) async throws(RPCError) -> Value {
        let attempts = start ?? RetryAttempts(policy: policy)
        do throws(RPCError) {
            let value = try await attempt(attempts)
            if attempts.policy != nil { retryThrottle?.recordSuccess() }
            return value
        } catch {
            return try await retrying(after: error, attempts, deadline: deadline, mayRetry: mayRetry, attempt)
        }
    }

    /// The attempts after a first one that failed with `firstError`, as
    /// ``retrying(_:deadline:from:mayRetry:_:)`` makes them.
    @usableFromInline
    nonisolated(nonsending) func retrying<Value>(
        after firstError: RPCError, _ start: RetryAttempts, deadline: ContinuousClock.Instant?, mayRetry: () -> Bool,
        _ attempt: nonisolated(nonsending) (RetryAttempts) async throws(RPCError) -> Value
    ) async throws(RPCError) -> Value {
        var attempts = start
        var error = firstError
        while true {
            guard let wait = attempts.retry(after: error, throttle: retryThrottle), mayRetry(),
                deadline.map({ ContinuousClock.now.advanced(by: wait) < $0 }) ?? true
            else { throw error }
            logger.debug(
                "rpc attempt failed; retrying",
                metadata: [
                    "rpc.status": "\(error.status)", "rpc.attempt": "\(attempts.made)", "rpc.wait": "\(wait)",
                    "rpc.unprocessed": "\(error.unprocessed)",
                ])
            if wait > .zero {
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw RPCError(code: .cancelled, message: "the call was cancelled while waiting to retry")
                }
            }
            do throws(RPCError) {
                let value = try await attempt(attempts)
                if attempts.policy != nil { retryThrottle?.recordSuccess() }
                return value
            } catch let failure {
                error = failure
            }
        }
    }
}

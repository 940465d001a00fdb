extension RPCClient {
    /// Makes a unary exchange's attempts under `policy` (gRFC A6; one attempt when `nil`):
    /// a failure is tried again when ``RetryAttempts`` says so, the client's throttle allows
    /// it, and the wait ends before `deadline`; otherwise the last attempt's error is thrown.
    @usableFromInline
    nonisolated(nonsending) func retrying(
        _ policy: RetryPolicy?, deadline: ContinuousClock.Instant?, metadata: Metadata,
        _ attempt: nonisolated(nonsending) (Metadata) async throws(RPCError) -> UnaryResponseAssembler.Response
    ) async throws(RPCError) -> UnaryResponseAssembler.Response {
        guard let policy else { return try await attempt(metadata) }
        var attempts = RetryAttempts(policy: policy)
        while true {
            do throws(RPCError) {
                let response = try await attempt(attempts.metadata(metadata))
                retryThrottle?.recordSuccess()
                return response
            } catch {
                let throttled = attempts.countsAsFailure(error) && retryThrottle?.recordFailure() == false
                guard !throttled, let wait = attempts.retry(after: error),
                    deadline.map({ ContinuousClock.now.advanced(by: wait) < $0 }) ?? true
                else { throw error }
                logger.debug(
                    "rpc attempt failed; retrying",
                    metadata: [
                        "rpc.status": "\(error.status)", "rpc.attempt": "\(attempts.made)", "rpc.wait": "\(wait)",
                    ])
                do {
                    try await Task.sleep(for: wait)
                } catch {
                    throw RPCError(code: .cancelled, message: "the call was cancelled while waiting to retry")
                }
            }
        }
    }
}

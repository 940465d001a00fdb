import Testing
import RPCCore

@Suite("gRFC A6 retry decisions and throttling")
struct RetryAttemptsTests {
    static let policy = try! RetryPolicy(
        maxAttempts: 3, initialBackoff: .milliseconds(100), maxBackoff: .seconds(1), backoffMultiplier: 2,
        retryableStatusCodes: [.unavailable])

    static func failure(_ code: StatusCode, pushback: String? = nil, started: Bool = false) -> RPCError {
        var error = RPCError(
            code: code, message: "failed", metadata: pushback.map { ["grpc-retry-pushback-ms": .string($0)] } ?? [:])
        error.responseStarted = started
        return error
    }

    @Test("a retryable status is retried within the backoff bound until maxAttempts")
    func retryableUntilMaxAttempts() {
        var attempts = RetryAttempts(policy: Self.policy)
        let first = attempts.retry(after: Self.failure(.unavailable))
        #expect(first.map { $0 >= .zero && $0 <= .milliseconds(100) } == true)
        let second = attempts.retry(after: Self.failure(.unavailable))
        #expect(second.map { $0 >= .zero && $0 <= .milliseconds(200) } == true)
        #expect(attempts.made == 3)
        #expect(attempts.retry(after: Self.failure(.unavailable)) == nil)
    }

    @Test("a non-retryable status, or a failure after response headers, is not retried")
    func notRetried() {
        var attempts = RetryAttempts(policy: Self.policy)
        #expect(attempts.retry(after: Self.failure(.internal)) == nil)
        #expect(attempts.retry(after: Self.failure(.unavailable, started: true)) == nil)
        #expect(attempts.made == 1)
    }

    @Test("pushback: waited exactly when non-negative; negative or invalid stops the retries")
    func pushback() {
        var attempts = RetryAttempts(policy: Self.policy)
        #expect(attempts.retry(after: Self.failure(.unavailable, pushback: "250")) == .milliseconds(250))
        var negative = RetryAttempts(policy: Self.policy)
        #expect(negative.retry(after: Self.failure(.unavailable, pushback: "-1")) == nil)
        var invalid = RetryAttempts(policy: Self.policy)
        #expect(invalid.retry(after: Self.failure(.unavailable, pushback: "soon")) == nil)
    }

    @Test("grpc-previous-rpc-attempts is added from the second attempt on")
    func previousAttempts() {
        var attempts = RetryAttempts(policy: Self.policy)
        #expect(attempts.metadata(["x-a": "1"]) == ["x-a": "1"])
        _ = attempts.retry(after: Self.failure(.unavailable))
        #expect(attempts.metadata(["x-a": "1"]) == ["x-a": "1", "grpc-previous-rpc-attempts": "1"])
    }

    @Test("an unprocessed call is made again once, at once, without counting an attempt, with or without a policy")
    func transparentRetry() {
        var refused = Self.failure(.unavailable)
        refused.unprocessed = true
        var withoutPolicy = RetryAttempts(policy: nil)
        #expect(withoutPolicy.retry(after: refused) == .zero)
        #expect(withoutPolicy.retry(after: refused) == nil)
        #expect(withoutPolicy.retry(after: Self.failure(.unavailable)) == nil)
        var withPolicy = RetryAttempts(policy: Self.policy)
        #expect(withPolicy.retry(after: refused) == .zero)
        #expect(withPolicy.made == 1)
        #expect(withPolicy.metadata([:]) == [:])
        // The second refusal is an ordinary retryable failure under the policy.
        #expect(withPolicy.retry(after: refused).map { $0 <= .milliseconds(100) } == true)
        #expect(withPolicy.made == 2)
    }

    @Test("a retryable failure takes a token from the throttle, and is not retried once it says so")
    func throttleDecides() throws {
        let throttle = RetryThrottle(try RetryThrottling(maxTokens: 2, tokenRatio: 1))
        var attempts = RetryAttempts(policy: Self.policy)
        #expect(attempts.retry(after: Self.failure(.unavailable), throttle: throttle) == nil)
        #expect(attempts.made == 1)
    }

    @Test("throttling: failures take a token, retries stop at half, successes give back the ratio")
    func throttling() throws {
        let throttle = RetryThrottle(try RetryThrottling(maxTokens: 4, tokenRatio: 0.5))
        #expect(throttle.recordFailure()) // 3 > 2
        #expect(!throttle.recordFailure()) // 2, not above half
        throttle.recordSuccess()
        throttle.recordSuccess() // 3
        #expect(!throttle.recordFailure()) // 2
        for _ in 0..<10 { throttle.recordSuccess() } // capped at 4
        #expect(throttle.recordFailure())
    }
}

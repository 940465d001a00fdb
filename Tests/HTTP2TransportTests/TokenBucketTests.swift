@testable import HTTP2Transport
import Testing

@Suite("Token buckets for peer rate limits")
struct TokenBucketTests {
    private let start = ContinuousClock.now

    @Test("a burst is allowed at once; the event after it is refused")
    func burstThenRefused() {
        var bucket = TokenBucket(RateLimit(burst: 3, perSecond: 1), now: start)
        let verdicts = (0..<4).map { _ in bucket.take(at: start) }
        #expect(verdicts == [true, true, true, false])
    }

    @Test("tokens come back at the rate, never above the burst")
    func refillAtRateUpToBurst() {
        var bucket = TokenBucket(RateLimit(burst: 2, perSecond: 10), now: start)
        let first = bucket.take(at: start), second = bucket.take(at: start)
        let tooSoon = bucket.take(at: start + .milliseconds(50))
        let refilled = bucket.take(at: start + .milliseconds(160))
        #expect(first && second && !tooSoon && refilled)
        // An hour later the bucket holds the burst, not 36,000 tokens.
        let later = start + .seconds(3600)
        #expect((0..<3).map { _ in bucket.take(at: later) } == [true, true, false])
    }

    @Test("a rate of zero never refills")
    func zeroRateNeverRefills() {
        var bucket = TokenBucket(RateLimit(burst: 1, perSecond: 0), now: start)
        let first = bucket.take(at: start)
        let later = bucket.take(at: start + .seconds(100))
        #expect(first && !later)
    }
}

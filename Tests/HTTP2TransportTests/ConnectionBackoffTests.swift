@testable import HTTP2Transport
import ProtocSupport
import Testing

private func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

@Suite("gRPC connection backoff")
struct ConnectionBackoffTests {
    @Test("without jitter the waits are 1 s, then ×1.6 each attempt, capped at 120 s")
    func growsByTheMultiplierUpToTheCap() {
        var attempts = ConnectionBackoff.Attempts(ConnectionBackoff(jitter: 0))
        var random = SeededGenerator(seed: 1)
        let waits = (0..<14).map { _ in seconds(attempts.next(using: &random).backoff) }
        let expected = [
            1, 1.6, 2.56, 4.096, 6.5536, 10.48576, 16.777216, 26.8435456, 42.94967296,
            68.719476736, 109.9511627776, 120, 120, 120,
        ]
        for (wait, want) in zip(waits, expected) { #expect(abs(wait - want) < 1e-6, "\(waits)") }
    }

    @Test("each attempt may take the least connect timeout (20 s) or its backoff when longer")
    func connectTimeoutIsAtLeastTheMinimum() {
        var attempts = ConnectionBackoff.Attempts(ConnectionBackoff(jitter: 0))
        var random = SeededGenerator(seed: 1)
        let timeouts = (0..<12).map { _ in seconds(attempts.next(using: &random).connectTimeout) }
        #expect(timeouts.prefix(7).allSatisfy { $0 == 20 })
        #expect(abs(timeouts[7] - 26.8435456) < 1e-6)
        #expect(timeouts[11] == 120)
    }

    @Test("the first wait is exact; later waits stay within ±20 % of the unjittered value and vary")
    func jitterStaysWithinTwentyPercent() {
        var attempts = ConnectionBackoff.Attempts(ConnectionBackoff())
        var random = SeededGenerator(seed: 42)
        var unjittered = 1.0
        var ratios: [Double] = []
        for index in 0..<40 {
            let wait = seconds(attempts.next(using: &random).backoff)
            if index == 0 {
                #expect(wait == 1)
                continue
            }
            unjittered = min(unjittered * 1.6, 120)
            ratios.append(wait / unjittered)
        }
        #expect(ratios.allSatisfy { $0 >= 0.8 - 1e-9 && $0 <= 1.2 + 1e-9 }, "\(ratios)")
        #expect(Set(ratios.map { Int($0 * 1000) }).count > 20, "jitter should vary: \(ratios)")
        #expect(ratios.contains { $0 < 0.95 } && ratios.contains { $0 > 1.05 })
    }

    @Test("the same seed replays the same sequence, another seed gives another")
    func seededSequencesReplay() {
        func sequence(seed: UInt64) -> [Duration] {
            var attempts = ConnectionBackoff.Attempts(ConnectionBackoff())
            var random = SeededGenerator(seed: seed)
            return (0..<10).map { _ in attempts.next(using: &random).backoff }
        }
        #expect(sequence(seed: 7) == sequence(seed: 7))
        #expect(sequence(seed: 7) != sequence(seed: 8))
    }

    @Test("shrunk constants for tests are honoured: 50 ms ×2 up to 200 ms")
    func customConstants() {
        let policy = ConnectionBackoff(
            initial: .milliseconds(50), multiplier: 2, jitter: 0, maximum: .milliseconds(200),
            minConnectTimeout: .milliseconds(100))
        var attempts = ConnectionBackoff.Attempts(policy)
        var random = SeededGenerator(seed: 3)
        let sequence = (0..<5).map { _ in attempts.next(using: &random) }
        #expect(
            sequence.map(\.backoff) == [
                .milliseconds(50), .milliseconds(100), .milliseconds(200), .milliseconds(200), .milliseconds(200),
            ])
        #expect(
            sequence.map(\.connectTimeout) == [
                .milliseconds(100), .milliseconds(100), .milliseconds(200), .milliseconds(200), .milliseconds(200),
            ])
    }
}

@testable import HTTP2Transport
import Testing

@Suite("gRPC server ping policy")
struct PingPolicyTests {
    private let start = ContinuousClock.now

    /// Feeds pings at the given offsets; returns each verdict (true: too many pings).
    private func verdicts(_ strikes: inout PingStrikes, at offsets: [Duration], hasOpenCalls: Bool = true) -> [Bool] {
        offsets.map { strikes.receivedPing(at: start + $0, hasOpenCalls: hasOpenCalls) }
    }

    @Test("with calls open, pings closer than 5 minutes are strikes; the third strike is too many")
    func thirdStrikeIsTooMany() {
        var strikes = PingStrikes(policy: PingPolicy())
        let results = verdicts(&strikes, at: [.zero, .seconds(10), .seconds(20), .seconds(30)])
        #expect(results == [false, false, false, true])
        #expect(strikes.count == 3)
    }

    @Test("pings at least the minimum interval apart are never strikes")
    func spacedPingsAreFine() {
        var strikes = PingStrikes(policy: PingPolicy(minInterval: .seconds(1)))
        let results = verdicts(&strikes, at: (0..<10).map { .milliseconds($0 * 1500) })
        #expect(results.allSatisfy { !$0 })
        #expect(strikes.count == 0)
    }

    @Test("without calls, pings are held to 2 hours unless permitted without calls")
    func idleConnectionsAreHeldToTwoHours() {
        let offsets: [Duration] = (0..<4).map { .seconds($0 * 600) }
        var strict = PingStrikes(policy: PingPolicy(minInterval: .seconds(1)))
        var permissive = PingStrikes(policy: PingPolicy(minInterval: .seconds(1), permitWithoutCalls: true))
        #expect(verdicts(&strict, at: offsets, hasOpenCalls: false) == [false, false, false, true])
        #expect(verdicts(&permissive, at: offsets, hasOpenCalls: false) == [false, false, false, false])
        #expect(permissive.count == 0)
    }

    @Test("sending headers or data forgives the strikes: the next ping resets the count")
    func sendingForgivesStrikes() {
        var strikes = PingStrikes(policy: PingPolicy())
        _ = verdicts(&strikes, at: [.zero, .milliseconds(1), .milliseconds(2)])
        #expect(strikes.count == 2)
        strikes.sentHeadersOrData()
        #expect(verdicts(&strikes, at: [.milliseconds(3)]) == [false])
        #expect(strikes.count == 0)
        #expect(verdicts(&strikes, at: [.milliseconds(4)]) == [false])
        #expect(strikes.count == 1)
    }

    @Test("maxStrikes 0 turns enforcement off")
    func zeroStrikesDisables() {
        var strikes = PingStrikes(policy: PingPolicy(maxStrikes: 0))
        let results = verdicts(&strikes, at: (0..<100).map { .milliseconds($0) }, hasOpenCalls: false)
        #expect(results.allSatisfy { !$0 })
    }
}

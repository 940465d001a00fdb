import Testing
import GRPCProtocol

@Suite("grpc-timeout")
struct GRPCTimeoutTests {
    @Test("encoding picks the finest unit whose value fits in 8 digits")
    func encodeChoosesUnit() {
        #expect(GRPCTimeout.encode(.nanoseconds(1)) == "1n")
        #expect(GRPCTimeout.encode(.nanoseconds(99_999_999)) == "99999999n")
        #expect(GRPCTimeout.encode(.milliseconds(100)) == "100000u")
        #expect(GRPCTimeout.encode(.seconds(1)) == "1000000u")
        #expect(GRPCTimeout.encode(.seconds(100)) == "100000m")
        #expect(GRPCTimeout.encode(.seconds(100_000)) == "100000S")
        #expect(GRPCTimeout.encode(.seconds(100_000_000)) == "1666667M")
        #expect(GRPCTimeout.encode(.seconds(99_999_999 * 60 + 60)) == "1666667H")
    }

    @Test("encoding never shortens the timeout: coarser units round up")
    func encodeRoundsUp() {
        #expect(GRPCTimeout.encode(.nanoseconds(100_000_001)) == "100001u")
        #expect(GRPCTimeout.encode(.seconds(100) + .nanoseconds(1)) == "100001m")
    }

    @Test("encoding never exceeds 8 digits, even for huge durations")
    func encodeAtMostEightDigits() {
        for duration: Duration in [.seconds(Int64.max), .seconds(1 << 40), .seconds(123_456_789)] {
            let text = GRPCTimeout.encode(duration)
            #expect(text.count <= 9, "\(text)")
        }
        #expect(GRPCTimeout.encode(.seconds(Int64.max)) == "99999999H")
    }

    @Test("zero and negative timeouts encode as 0n")
    func encodeNonPositive() {
        #expect(GRPCTimeout.encode(.zero) == "0n")
        #expect(GRPCTimeout.encode(.seconds(-3)) == "0n")
    }

    @Test("parsing accepts all six units H M S m u n")
    func parseAllUnits() {
        #expect(GRPCTimeout.parse("2H") == .seconds(7200))
        #expect(GRPCTimeout.parse("3M") == .seconds(180))
        #expect(GRPCTimeout.parse("4S") == .seconds(4))
        #expect(GRPCTimeout.parse("5m") == .milliseconds(5))
        #expect(GRPCTimeout.parse("6u") == .microseconds(6))
        #expect(GRPCTimeout.parse("99999999n") == .nanoseconds(99_999_999))
    }

    @Test("invalid timeouts are rejected: no digits, more than 8 digits, unknown unit, signs, spaces")
    func parseRejectsInvalid() {
        for text in ["", "S", "1", "123456789S", "1s", "1h", "-1S", "+1S", " 1S", "1S ", "1.5S", "1SS"] {
            #expect(GRPCTimeout.parse(text) == nil, "\(text)")
        }
    }

    @Test("encode and parse round-trip to at least the original duration")
    func roundTrip() {
        for duration: Duration in [.nanoseconds(7), .milliseconds(1234), .seconds(86_400), .seconds(3_600_000)] {
            let parsed = GRPCTimeout.parse(GRPCTimeout.encode(duration))
            #expect(parsed != nil && parsed! >= duration)
        }
    }
}

import Testing
@testable import codec_bench

@Suite("codec-bench refuses to time wrong work")
struct SafeguardTests {
    @Test("both libraries write the same Payload bytes and decode each other's")
    func payloadAgrees() throws {
        let check = try CrossCheck(
            "Payload", ours: Fixtures.ourPayload(), swiftProtobuf: Fixtures.swiftProtobufPayload())
        #expect(check.ourBytes == check.swiftProtobufBytes)
        #expect((90...120).contains(check.ourBytes.count))
    }

    @Test("both libraries agree on ScheduleEvent, whose map may come out in either order")
    func scheduleEventAgrees() throws {
        let check = try CrossCheck(
            "ScheduleEvent", ours: Fixtures.ourScheduleEvent(), swiftProtobuf: Fixtures.swiftProtobufScheduleEvent())
        #expect(check.ourBytes.count == check.swiftProtobufBytes.count)
    }

    @Test("the cross-check fails when the two fixtures are not the same message")
    func mismatchIsRefused() {
        var ours = Fixtures.ourPayload()
        ours.tags.append(7)
        #expect(throws: BenchFailure.self) {
            try CrossCheck("Payload", ours: ours, swiftProtobuf: Fixtures.swiftProtobufPayload())
        }
    }

    @Test("a batch whose digest sum is not iterations × the expected digest stops the run")
    func wrongDigestIsRefused() {
        let skipsWork = Workload(expectedDigest: 5) { _ in 0 }
        #expect(throws: BenchFailure.self) { try skipsWork.timed(iterations: 10) }
        let honest = Workload(expectedDigest: 5) { iterations in 5 * iterations }
        #expect(throws: Never.self) { try honest.timed(iterations: 10) }
    }

    @Test("options out of range or unknown are refused with a message")
    func badOptionsAreRefused() {
        #expect(throws: BenchFailure.self) { try Options(arguments: ["--rounds", "0"]) }
        #expect(throws: BenchFailure.self) { try Options(arguments: ["--library", "protobuf"]) }
        #expect(throws: BenchFailure.self) { try Options(arguments: ["--fast"]) }
        #expect(throws: BenchFailure.self) { try Options(arguments: ["--seconds"]) }
    }
}

import Foundation
import Testing
import ProtoCodec

@Suite("google.protobuf.Duration")
struct DurationTests {
    @Test("nanos take the sign of seconds and stay within ±999,999,999")
    func normalisation() {
        let positive = Google_Protobuf_Duration(seconds: 1, nanos: -1)
        #expect(positive.seconds == 0 && positive.nanos == 999_999_999)
        let negative = Google_Protobuf_Duration(seconds: -1, nanos: 1)
        #expect(negative.seconds == 0 && negative.nanos == -999_999_999)
        let carried = Google_Protobuf_Duration(seconds: 2, nanos: -1_500_000_000)
        #expect(carried.seconds == 0 && carried.nanos == 500_000_000)
        let small = Google_Protobuf_Duration(seconds: 0, nanos: -5)
        #expect(small.seconds == 0 && small.nanos == -5 && small.isValid)
    }

    @Test("Swift Duration converts both ways, truncating below a nanosecond")
    func swiftDuration() {
        let duration = Google_Protobuf_Duration(.milliseconds(-1500))
        #expect(duration.seconds == -1 && duration.nanos == -500_000_000)
        #expect(duration.duration == .milliseconds(-1500))
        let fine = Google_Protobuf_Duration(
            .nanoseconds(1) + .init(secondsComponent: 0, attosecondsComponent: 999_999_999))
        #expect(fine.seconds == 0 && fine.nanos == 1)
        let huge = Google_Protobuf_Duration(.seconds(Int64.max))
        #expect(huge.seconds == Google_Protobuf_Duration.maxSeconds && huge.isValid)
    }

    @Test("TimeInterval converts both ways, rounding to the nearest nanosecond")
    func timeInterval() {
        let duration = Google_Protobuf_Duration(timeInterval: -2.25)
        #expect(duration.seconds == -2 && duration.nanos == -250_000_000)
        #expect(duration.timeInterval == -2.25)
        #expect(Google_Protobuf_Duration(timeInterval: .nan) == Google_Protobuf_Duration())
        #expect(Google_Protobuf_Duration(timeInterval: -.infinity).seconds == -Google_Protobuf_Duration.maxSeconds)
    }

    @Test("a duration whose fields disagree in sign or range is invalid")
    func validity() {
        var duration = Google_Protobuf_Duration()
        duration.seconds = 1
        duration.nanos = -1
        #expect(!duration.isValid)
        duration.seconds = Google_Protobuf_Duration.maxSeconds + 1
        duration.nanos = 0
        #expect(!duration.isValid)
    }

    @Test("the encoding matches protoc's, and protoc's decodes to the same value")
    func agreesWithProtoc() async throws {
        let duration = Google_Protobuf_Duration(seconds: -3, nanos: -1)
        let expected = try await Protoc.encode(
            "google.protobuf.Duration", "seconds: -3 nanos: -1", file: "google/protobuf/duration.proto")
        #expect(duration.serializedBytes() == expected)
        #expect(try Google_Protobuf_Duration(serializedBytes: expected) == duration)
    }
}

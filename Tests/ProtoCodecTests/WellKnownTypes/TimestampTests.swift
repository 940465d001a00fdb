import Foundation
import Testing
import ProtoCodec

@Suite("google.protobuf.Timestamp")
struct TimestampTests {
    @Test("nanos are normalised into 0..<1e9 by borrowing or carrying whole seconds")
    func normalisation() {
        let borrowed = Google_Protobuf_Timestamp(seconds: 5, nanos: -1)
        #expect(borrowed.seconds == 4 && borrowed.nanos == 999_999_999)
        let carried = Google_Protobuf_Timestamp(seconds: 0, nanos: 1_500_000_000)
        #expect(carried.seconds == 1 && carried.nanos == 500_000_000)
        let negative = Google_Protobuf_Timestamp(seconds: -1, nanos: -1_000_000_001)
        #expect(negative.seconds == -3 && negative.nanos == 999_999_999)
        let saturated = Google_Protobuf_Timestamp(seconds: .min, nanos: -1)
        #expect(saturated.seconds == .min && saturated.nanos == 999_999_999)
    }

    @Test("a Date before the epoch counts seconds down and nanos up, and converts back")
    func dateConversion() {
        let timestamp = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: -1.5))
        #expect(timestamp.seconds == -2 && timestamp.nanos == 500_000_000)
        #expect(timestamp.date == Date(timeIntervalSince1970: -1.5))
        let later = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1_700_000_000.25))
        #expect(later.seconds == 1_700_000_000 && later.nanos == 250_000_000)
        #expect(later.date.timeIntervalSince1970 == 1_700_000_000.25)
    }

    @Test("Dates outside years 1...9999 saturate to the valid range")
    func dateRange() {
        let future = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: 1e15))
        #expect(future.seconds == Google_Protobuf_Timestamp.maxSeconds && future.isValid)
        let past = Google_Protobuf_Timestamp(date: Date(timeIntervalSince1970: -1e15))
        #expect(past.seconds == Google_Protobuf_Timestamp.minSeconds && past.nanos == 0 && past.isValid)
        var invalid = Google_Protobuf_Timestamp()
        invalid.nanos = -1
        #expect(!invalid.isValid)
        invalid = Google_Protobuf_Timestamp(seconds: Google_Protobuf_Timestamp.maxSeconds + 1, nanos: 0)
        #expect(!invalid.isValid)
    }

    @Test("the encoding matches protoc's, and protoc's decodes to the same value")
    func agreesWithProtoc() async throws {
        let timestamp = Google_Protobuf_Timestamp(seconds: -2, nanos: 500_000_000)
        let expected = try await Protoc.encode(
            "google.protobuf.Timestamp", "seconds: -2 nanos: 500000000", file: "google/protobuf/timestamp.proto")
        #expect(timestamp.serializedBytes() == expected)
        #expect(try Google_Protobuf_Timestamp(serializedBytes: expected) == timestamp)
        #expect(Google_Protobuf_Timestamp().serializedBytes().isEmpty)
    }
}

import Foundation
import Testing
import ProtoCodec

@Suite("Payload round trip")
struct PayloadRoundTripTests {
    @Test("a message decodes to what was encoded, and unknown fields survive")
    func roundTrip() throws {
        var payload = Payload()
        payload.id = -5
        payload.name = "héllo"
        payload.body = Data([1, 2, 3])
        payload.tags = [1, -1, 300]
        payload.inner = Payload.Inner(score: 1.5, flag: true)
        let bytes = payload.serializedBytes()
        #expect(bytes.count == payload.encodedSize())
        let decoded = try Payload(serializedBytes: bytes)
        #expect(decoded == payload)

        let inner = try Payload.Inner(serializedBytes: bytes) // every Payload field is unknown to Inner
        #expect(inner.serializedBytes() == bytes)
    }

    @Test("a truncated length names the field and the offset")
    func truncated() {
        #expect(throws: ProtoDecodingError(.lengthPastEnd(length: 5, available: 1), fieldNumber: 2, offset: 2)) {
            try Payload(serializedBytes: [0x12, 0x05, 0x61])
        }
    }
}

import Testing
@testable import ProtoCodec

@Suite("Varint sizes")
struct WireSizeTests {
    @Test("varint size matches the number of 7-bit groups")
    func varintSizes() {
        #expect(WireSize.varint(UInt64(0)) == 1)
        #expect(WireSize.varint(UInt64(127)) == 1)
        #expect(WireSize.varint(UInt64(128)) == 2)
        #expect(WireSize.varint(UInt64.max) == 10)
        #expect(WireSize.varint(UInt32.max) == 5)
    }

    @Test("WireSize.varint agrees with the bytes writeVarint produces at every bit length")
    func varintSizeMatchesWriter() {
        for bits in 0...64 {
            let value: UInt64 = bits == 0 ? 0 : UInt64.max >> (64 - bits)
            let wrapper = Google_Protobuf_UInt64Value(value)
            #expect(wrapper.serializedBytes().count == wrapper.encodedSize())
            #expect(WireSize.varint(value) == max(1, (bits + 6) / 7))
        }
    }
}

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
}

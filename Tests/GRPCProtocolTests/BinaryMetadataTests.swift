import Testing
import GRPCProtocol
import ProtoCodec
import RPCCore

@Suite("-bin metadata and base64")
struct BinaryMetadataTests {
    @Test("binary values are sent base64 without padding")
    func sentUnpadded() {
        #expect(Base64.encode([], padded: false) == "")
        #expect(Base64.encode([0x66], padded: false) == "Zg")
        #expect(Base64.encode([0x66, 0x6F], padded: false) == "Zm8")
        #expect(Base64.encode([0x66, 0x6F, 0x6F], padded: false) == "Zm9v")
        #expect(Base64.encode([0xFB, 0xFF], padded: false) == "+/8")
        var fields: [HeaderField] = []
        MetadataHeaders.append(["trace-bin": .binary([1, 2, 3, 4])], to: &fields)
        #expect(fields == [HeaderField("trace-bin", "AQIDBA")])
    }

    @Test("padded and unpadded base64 are both accepted on receive")
    func paddedAndUnpaddedAccepted() {
        #expect(Base64.decode("Zg==") == [0x66])
        #expect(Base64.decode("Zg") == [0x66])
        #expect(Base64.decode("Zm8=") == [0x66, 0x6F])
        #expect(Base64.decode("Zm8") == [0x66, 0x6F])
        #expect(Base64.decode("Zm9v") == [0x66, 0x6F, 0x6F])
        #expect(Base64.decode("") == [])
    }

    @Test("invalid base64 is rejected: foreign characters, misplaced padding, dangling character")
    func invalidRejected() {
        for text in ["Z", "Zm9vZ", "Zm9v!", "Z===", "Zg=", "=Zg", "Zm 9v", "Zm-_"] {
            #expect(Base64.decode(text) == nil, "\(text)")
        }
    }

    @Test("binary values joined with a comma are split before base64 decoding")
    func joinedValuesSplit() throws {
        var metadata = Metadata()
        try MetadataHeaders.receive(name: "trace-bin", value: "AQI=,AwQ", into: &metadata)
        #expect(metadata.values(forKey: "trace-bin") == [.binary([1, 2]), .binary([3, 4])])
        var spaced = Metadata()
        try MetadataHeaders.receive(name: "trace-bin", value: "AQI, AwQ=", into: &spaced)
        #expect(spaced.values(forKey: "trace-bin") == [.binary([1, 2]), .binary([3, 4])])
    }

    @Test("text values with commas are kept whole")
    func textNotSplit() throws {
        var metadata = Metadata()
        try MetadataHeaders.receive(name: "x-list", value: "a,b", into: &metadata)
        #expect(metadata.values(forKey: "x-list") == [.string("a,b")])
    }

    @Test("a -bin value that is not base64 is an INTERNAL error")
    func invalidBinaryValueIsInternal() {
        var metadata = Metadata()
        #expect(throws: RPCError.self) { try MetadataHeaders.receive(name: "x-bin", value: "!!", into: &metadata) }
    }

    @Test("binary round-trip over every byte value and length")
    func roundTripAllLengths() {
        let bytes = (0..<256).map { UInt8($0) }
        for length in 0...bytes.count {
            let slice = Array(bytes[..<length])
            #expect(Base64.decode(Base64.encode(slice, padded: false)) == slice)
        }
    }

    @Test("reserved keys are filtered from user metadata in both directions")
    func reservedFilteredBothWays() throws {
        var fields: [HeaderField] = []
        MetadataHeaders.append(
            [":path": "/x/y", "grpc-status": "0", "te": "x", "content-type": "x", "user-agent": "x", "ok": "1"],
            to: &fields)
        #expect(fields == [HeaderField("ok", "1")])
        var metadata = Metadata()
        for name in [":status", "grpc-status", "grpc-message", "grpc-encoding", "content-type", "te", "ok"] {
            try MetadataHeaders.receive(name: name, value: "1", into: &metadata)
        }
        #expect(metadata.map(\.key) == ["ok"])
    }
}

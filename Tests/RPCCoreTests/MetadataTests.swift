import Testing
@testable import RPCCore

@Suite("Metadata")
struct MetadataTests {
    @Test("keys are lower-cased and order and duplicates are kept")
    func orderedMultimap() {
        var metadata = Metadata()
        metadata.append("1", forKey: "X-Trace")
        metadata.append([0xFF], forKey: "trace-bin")
        metadata.append("2", forKey: "x-trace")
        #expect(metadata.map(\.key) == ["x-trace", "trace-bin", "x-trace"])
        #expect(metadata.values(forKey: "X-TRACE") == [.string("1"), .string("2")])
        #expect(metadata.firstBinary(forKey: "trace-bin") == [0xFF])
        metadata.removeAll(forKey: "x-trace")
        #expect(metadata.count == 1)
    }

    @Test("binary keys are exactly the ones ending in -bin")
    func binaryKeys() {
        #expect(Metadata.isBinaryKey("trace-bin"))
        #expect(!Metadata.isBinaryKey("-bin"))
        #expect(!Metadata.isBinaryKey("binary"))
    }

    @Test("reserved keys are rejected from user metadata")
    func reservedKeysRejected() {
        for key in [":path", "grpc-timeout", "grpc-status", "grpc-custom", "te", "content-type", "user-agent"] {
            let metadata: Metadata = [key: "x"]
            #expect(throws: RPCError.self, "\(key)") { try metadata.validate() }
        }
        let details: Metadata = ["grpc-status-details-bin": .binary([1])]
        #expect(throws: Never.self) { try details.validate() }
    }

    @Test("invalid key characters and non-printable values are rejected")
    func invalidKeysAndValues() {
        let badKey: Metadata = ["a b": "x"]
        #expect(throws: RPCError.self) { try badKey.validate() }
        let badValue: Metadata = ["a": "line\nbreak"]
        #expect(throws: RPCError.self) { try badValue.validate() }
        let textUnderBinaryKey: Metadata = ["a-bin": "x"]
        #expect(throws: RPCError.self) { try textUnderBinaryKey.validate() }
        let binaryUnderTextKey: Metadata = ["a": .binary([1])]
        #expect(throws: RPCError.self) { try binaryUnderTextKey.validate() }
        let good: Metadata = ["x-request_id.v2": "Printable ~ text", "blob-bin": .binary([0, 1])]
        #expect(throws: Never.self) { try good.validate() }
    }

    @Test("removing reserved keys keeps user keys in order")
    func removingReservedKeys() {
        let metadata: Metadata = [":status": "200", "a": "1", "grpc-status": "0", "b": "2"]
        #expect(metadata.removingReservedKeys().map(\.key) == ["a", "b"])
    }
}

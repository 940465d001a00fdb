import DynamicProto
import Testing

@Suite("DynamicMessage with proto2 (codectest.Legacy)")
struct Proto2Tests {
    let pool: DescriptorPool
    let descriptor: MessageDescriptor

    init() throws {
        pool = try Fixtures.pool(["codectest/legacy.proto"])
        descriptor = try #require(pool.message(named: "codectest.Legacy"))
    }

    func encode(_ text: String) async throws -> [UInt8] {
        try await Fixtures.protocEncode(text, type: "codectest.Legacy", file: "codectest/legacy.proto")
    }

    @Test("groups and extensions stay unknown and are written back after the known fields, as generated code does")
    func groupsAndExtensionsUnknown() async throws {
        let bytes = try await encode(
            #"id: 0 Item { key: 1 value: "v" } legacy_tags: [1, 2] [codectest.legacy_extra]: 5 name: "n""#)
        let message = try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        #expect(message.serializedBytes() == (try Legacy(serializedBytes: bytes)).serializedBytes())
        #expect(message.list(of: descriptor.field(named: "legacy_tags")!) == [.int32(1), .int32(2)])
        #expect(!message.unknownFields.isEmpty)
    }

    @Test("proto2 repeated scalars are written unpacked; a zero with presence is written")
    func unpackedAndPresence() async throws {
        let bytes = try await encode("id: 0 legacy_tags: [1, 2]")
        let message = try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        #expect(message.has(descriptor.field(named: "id")!))
        #expect(message.serializedBytes() == bytes)
        #expect(bytes == [0x08, 0x00, 0x48, 0x01, 0x48, 0x02])
    }

    @Test("unset proto2 fields read their [default = ...] values")
    func explicitDefaults() throws {
        let message = DynamicMessage(descriptor: descriptor, pool: pool)
        let field = { (name: String) in self.descriptor.field(named: name)! }
        #expect(message.value(of: field("name")) == .string("unnamed"))
        #expect(message.value(of: field("count")) == .int64(-7))
        #expect(message.value(of: field("enabled")) == .bool(true))
        #expect(message.value(of: field("ratio")) == .double(0.5))
        #expect(!message.has(field("name")))
        #expect(message.serializedBytes().isEmpty)
    }

    @Test("proto2 messages print as protoc --decode prints them")
    func textFormat() async throws {
        let bytes = try await encode(#"id: 3 name: "" count: 0 enabled: false legacy_tags: [7]"#)
        let message = try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        let expected = try await Fixtures.protocDecode(bytes, type: "codectest.Legacy", file: "codectest/legacy.proto")
        #expect(message.textFormatString() == expected)
    }
}

import DynamicProto
import Foundation
import ProtoCodec
import Testing

@Suite("DynamicMessage wire format")
struct DynamicMessageTests {
    let pool: DescriptorPool
    let descriptor: MessageDescriptor

    init() throws {
        pool = try Fixtures.pool([Fixtures.testMessagesFile])
        descriptor = try #require(pool.message(named: "codectest.TestAllTypes"))
    }

    func decode(_ bytes: [UInt8]) throws -> DynamicMessage {
        try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
    }

    @Test("protoc's encoding of a rich TestAllTypes decodes and re-encodes to protoc's bytes")
    func reencodesProtocBytes() async throws {
        let bytes = try await Fixtures.protocEncode(Fixtures.richTestAllTypes, type: "codectest.TestAllTypes")
        let message = try decode(bytes)
        #expect(message.serializedBytes() == bytes)
        #expect(message.encodedSize() == bytes.count)
    }

    @Test("dynamic and generated-shape TestAllTypes agree byte for byte")
    func agreesWithGeneratedShape() async throws {
        let bytes = try await Fixtures.protocEncode(Fixtures.richTestAllTypes, type: "codectest.TestAllTypes")
        let generated = try TestAllTypes(serializedBytes: bytes)
        #expect(generated.serializedBytes() == bytes)
        #expect(try decode(bytes).serializedBytes() == generated.serializedBytes())
    }

    @Test("values decoded match the generated type's fields")
    func decodedValues() async throws {
        let bytes = try await Fixtures.protocEncode(Fixtures.richTestAllTypes, type: "codectest.TestAllTypes")
        let message = try decode(bytes)
        let field = { (name: String) in self.descriptor.field(named: name)! }
        #expect(message.value(of: field("singular_int64")) == .int64(.min))
        #expect(message.value(of: field("singular_uint64")) == .uint64(.max))
        #expect(message.value(of: field("singular_nested_enum")) == .int32(-1))
        #expect(message.list(of: field("repeated_nested_enum")) == [.int32(1), .int32(2), .int32(7)])
        #expect(message.has(field("optional_int32")) && !message.has(field("singular_int32")) == false)
        #expect(message.map(of: field("map_sint64_string")) == [.int64(-7): .string("neg")])
        #expect(message.has(field("oneof_nested_message")) && !message.has(field("oneof_string")))
    }

    @Test("a message built through the API decodes as the generated type")
    func builtMessageDecodesAsGenerated() throws {
        var message = DynamicMessage(descriptor: descriptor, pool: pool)
        let field = { (name: String) in self.descriptor.field(named: name)! }
        message.set(field("singular_sint64"), to: .int64(-3))
        message.set(field("singular_string"), to: .string("é"))
        message.setList(field("repeated_fixed64"), to: [.uint64(1), .uint64(.max)])
        message.setMap(field("map_bool_double"), to: [.bool(true): .double(2)])
        message.set(field("oneof_string"), to: .string("first"))
        message.set(field("oneof_uint32"), to: .uint32(0))
        let generated = try TestAllTypes(serializedBytes: message.serializedBytes())
        #expect(generated.singularSint64 == -3)
        #expect(generated.singularString == "é")
        #expect(generated.repeatedFixed64 == [1, .max])
        #expect(generated.mapBoolDouble == [true: 2])
        #expect(generated.oneofField == .oneofUint32(0))
    }

    @Test("unpacked repeated scalars are accepted and re-encoded packed, as generated code does")
    func unpackedAccepted() throws {
        // Field 31 (repeated int32) unpacked: key 0xF8 0x01, twice; then packed run of one.
        let bytes: [UInt8] = [0xF8, 0x01, 0x05, 0xF8, 0x01, 0x7F, 0xFA, 0x01, 0x01, 0x02]
        let message = try decode(bytes)
        #expect(message.list(of: descriptor.field(number: 31)!) == [.int32(5), .int32(127), .int32(2)])
        #expect(message.serializedBytes() == (try TestAllTypes(serializedBytes: bytes)).serializedBytes())
        #expect(message.serializedBytes() == [0xFA, 0x01, 0x03, 0x05, 0x7F, 0x02])
    }

    @Test("unknown fields and groups are kept byte for byte, after the known fields")
    func unknownFieldsKept() async throws {
        let known = try await Fixtures.protocEncode("singular_int32: 3", type: "codectest.TestAllTypes")
        let unknown = try await Fixtures.protocEncode(
            "extra_varint: -1 extra_fixed32: 5 extra_fixed64: 6 extra_string: \"s\" extra_packed: [1, -1]",
            type: "codectest.UnknownFieldSource")
        // Group 2000 holding field 1 = 5: start key 16003, end key 16004.
        let group: [UInt8] = [0x83, 0x7D, 0x08, 0x05, 0x84, 0x7D]
        let bytes = known + unknown + group
        let message = try decode(bytes)
        #expect(message.unknownFields.bytes == unknown + group)
        #expect(message.serializedBytes() == bytes)
    }

    @Test("a known field with the wrong wire type is kept as unknown")
    func wrongWireTypeIsUnknown() throws {
        // Field 1 (int32) as fixed32.
        let bytes: [UInt8] = [0x0D, 0x01, 0x00, 0x00, 0x00]
        let message = try decode(bytes)
        #expect(!message.has(descriptor.field(number: 1)!))
        #expect(message.serializedBytes() == bytes)
    }

    @Test("the last oneof member decoded wins; setting one clears the others")
    func oneofLastWins() throws {
        // oneof_uint32 = 1, then oneof_string = "a".
        var message = try decode([0xF8, 0x06, 0x01, 0x8A, 0x07, 0x01, 0x61])
        #expect(message.setOneofField(0)?.name == "oneof_string")
        message.set(descriptor.field(named: "oneof_enum")!, to: .int32(2))
        #expect(message.setOneofField(0)?.name == "oneof_enum")
        #expect(message.serializedBytes() == [0x98, 0x07, 0x02])
    }

    @Test("embedded messages seen twice merge, as the protobuf merge rule says")
    func messagesMerge() async throws {
        let first = try await Fixtures.protocEncode("singular_nested_message { a: 1 }", type: "codectest.TestAllTypes")
        let second = try await Fixtures.protocEncode(
            "singular_nested_message { b: \"x\" }", type: "codectest.TestAllTypes")
        let merged = try await Fixtures.protocEncode(
            "singular_nested_message { a: 1 b: \"x\" }", type: "codectest.TestAllTypes")
        #expect(try decode(first + second).serializedBytes() == merged)
    }

    @Test("truncated input fails with the field number and byte offset")
    func truncatedInput() throws {
        // Field 14 (string) claims 5 bytes, 2 follow.
        #expect(throws: ProtoDecodingError(.lengthPastEnd(length: 5, available: 2), fieldNumber: 14, offset: 2)) {
            try decode([0x72, 0x05, 0x61, 0x62])
        }
    }
}

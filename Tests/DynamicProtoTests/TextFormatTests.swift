import DynamicProto
import ProtocSupport
import Testing

@Suite("Text format printing")
struct TextFormatTests {
    let pool: DescriptorPool

    init() throws {
        pool = try Fixtures.pool([Fixtures.testMessagesFile])
    }

    func expectSameAsProtoc(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let message = try DynamicMessage(
            descriptor: #require(pool.message(named: "codectest.TestAllTypes")), pool: pool, serializedBytes: bytes)
        let expected = try await Fixtures.protocDecode(bytes, type: "codectest.TestAllTypes")
        #expect(message.textFormatString() == expected, sourceLocation: sourceLocation)
    }

    @Test("a rich message prints as protoc --decode prints it (floats, escapes, enums, nesting)")
    func richMessage() async throws {
        try await expectSameAsProtoc(
            try await Fixtures.protocEncode(Fixtures.richTestAllTypes, type: "codectest.TestAllTypes"))
    }

    @Test("map entries print sorted by key, as protoc does")
    func sortedMaps() async throws {
        let text = #"""
            map_string_string { key: "b" value: "1" } map_string_string { key: "a" value: "2" }
            map_int32_bytes { key: 5 value: "" } map_int32_bytes { key: -3 value: "x" }
            map_bool_double { key: true value: 1 } map_bool_double { key: false value: 0 }
            map_int64_nested_message { key: 2 value { } }
            """#
        try await expectSameAsProtoc(try await Fixtures.protocEncode(text, type: "codectest.TestAllTypes"))
    }

    @Test("unknown fields print by number: varints, hex fixed values, nested and string payloads, groups")
    func unknownFields() async throws {
        let unknown = try await Fixtures.protocEncode(
            "extra_varint: -1 extra_fixed32: 5 extra_fixed64: 6 extra_string: \"s\\001\" extra_packed: [1, -1]",
            type: "codectest.UnknownFieldSource")
        let group: [UInt8] = [0x83, 0x7D, 0x08, 0x05, 0x84, 0x7D]
        try await expectSameAsProtoc(unknown + group)
    }

    @Test("floats print with protoc's %g precision, not Swift's shortest form")
    func floatPrecision() async throws {
        let text =
            "singular_float: 3.4028235e38 singular_double: 1e100 repeated_double: [100, 0.1, 123456789.125, 5e-324]"
        try await expectSameAsProtoc(try await Fixtures.protocEncode(text, type: "codectest.TestAllTypes"))
    }

    @Test("well-known types print as plain messages, Any unexpanded, as protoc --decode prints them")
    func wellKnownTypes() async throws {
        let files = ["jsontest/json_test.proto", Fixtures.testMessagesFile]
        let pool = try Fixtures.pool(files)
        let text = #"""
            timestamp { seconds: -62135596800 nanos: 5 } duration { seconds: -1 nanos: -5 }
            string_value { value: "\001\"" } struct { fields { key: "b" value { list_value { values { null_value: NULL_VALUE } } } }
            fields { key: "a" value { number_value: 0.1 } } }
            any { [type.googleapis.com/codectest.TestAllTypes.NestedMessage] { a: 1 b: "x" } }
            field_mask { paths: ["a_b", "c"] } empty { } null_value: NULL_VALUE
            """#
        let arguments = { (mode: String) in
            Protoc.standardImports.map { "-I\($0)" } + ["--\(mode)=jsontest.WellKnown"] + files
        }
        let bytes = try await Protoc.run(arguments("encode"), input: Array(text.utf8))
        let expected = String(decoding: try await Protoc.run(arguments("decode"), input: bytes), as: UTF8.self)
        var decoded = try DynamicMessage(typeName: "jsontest.WellKnown", pool: pool)
        try decoded.merge(serializedBytes: bytes)
        #expect(decoded.textFormatString() == expected)
    }
}

import Foundation
import Testing
import ProtoCodec

@Suite("Agreement with protoc")
struct ProtocAgreementTests {
    static let cases = ScalarCases.all + CompositeCases.all

    @Test("our encoding is byte for byte protoc's encoding of the same text", arguments: cases)
    func encodingMatches(_ testCase: ProtocCase) async throws {
        let expected = try await Protoc.encode("codectest.TestAllTypes", testCase.text)
        #expect(testCase.message.serializedBytes() == expected)
        #expect(testCase.message.encodedSize() == expected.count)
    }

    @Test("protoc's encoding decodes to the expected value", arguments: cases)
    func decodingMatches(_ testCase: ProtocCase) async throws {
        let bytes = try await Protoc.encode("codectest.TestAllTypes", testCase.text)
        let decoded = try TestAllTypes(serializedBytes: bytes)
        #expect(decoded.agrees(with: testCase.message))
        #expect(decoded.unknownFields.isEmpty)
    }

    @Test("protoc --decode reads our bytes as the same text it reads its own", arguments: cases)
    func protocReadsOurBytes(_ testCase: ProtocCase) async throws {
        let expectedText = try await Protoc.decode(
            "codectest.TestAllTypes", try await Protoc.encode("codectest.TestAllTypes", testCase.text))
        let ourText = try await Protoc.decode("codectest.TestAllTypes", testCase.message.serializedBytes())
        #expect(ourText == expectedText)
    }

    @Test("maps with many entries survive a trip through protoc in either direction")
    func manyEntryMaps() async throws {
        var message = TestAllTypes()
        message.mapStringString = ["a": "1", "b": "", "": "3", "ü": "🌍"]
        message.mapInt64NestedMessage = [-1: .init(a: 1), 0: .init(), 1 << 40: .init(b: "x")]
        message.mapBoolDouble = [false: 1.5, true: -2]
        message.mapFixed32Double = [0: 0, .max: .infinity]
        let text = try await Protoc.decode("codectest.TestAllTypes", message.serializedBytes())
        let protocBytes = try await Protoc.encode("codectest.TestAllTypes", text)
        #expect(try TestAllTypes(serializedBytes: protocBytes) == message)
        #expect(protocBytes.count == message.encodedSize())
    }

    @Test("a later map entry with the same key replaces the earlier one")
    func duplicateMapKeys() async throws {
        let bytes = try await Protoc.encode(
            "codectest.TestAllTypes",
            #"map_string_string { key: "k" value: "old" } map_string_string { key: "k" value: "new" }"#)
        #expect(try TestAllTypes(serializedBytes: bytes).mapStringString == ["k": "new"])
    }

    @Test("unpacked encodings of packable fields are accepted and re-encoded packed")
    func unpackedInputAccepted() async throws {
        // Field 31 (repeated_int32) as two unpacked varints, then one packed run; field 41
        // (repeated_float) as one unpacked fixed32.
        let input: [UInt8] = [
            0xF8, 0x01, 0x01, 0xF8, 0x01, 0x7F, 0xFA, 0x01, 0x01, 0x03, 0xCD, 0x02, 0x00, 0x00, 0xC0, 0x3F,
        ]
        let decoded = try TestAllTypes(serializedBytes: input)
        #expect(decoded.repeatedInt32 == [1, 127, 3])
        #expect(decoded.repeatedFloat == [1.5])
        let expected = try await Protoc.encode(
            "codectest.TestAllTypes", "repeated_int32: [1, 127, 3] repeated_float: [1.5]")
        #expect(decoded.serializedBytes() == expected)
    }

    @Test("fields protoc wrote from a newer schema are kept and written back byte for byte")
    func unknownFieldsSurvive() async throws {
        let extra = try await Protoc.encode(
            "codectest.UnknownFieldSource",
            #"extra_varint: -1 extra_fixed32: 7 extra_fixed64: 8 extra_string: "ü" extra_packed: [-1, 2]"#)
        let known = try await Protoc.encode("codectest.TestAllTypes", "singular_int32: 5 repeated_int32: [1]")
        let decoded = try TestAllTypes(serializedBytes: known + extra)
        #expect(decoded.singularInt32 == 5 && decoded.repeatedInt32 == [1])
        #expect(decoded.unknownFields.bytes == extra)
        #expect(decoded.serializedBytes() == known + extra)
        let asSource = try UnknownFieldSource(serializedBytes: decoded.serializedBytes())
        #expect(asSource.extraVarint == -1 && asSource.extraString == "ü" && asSource.extraPacked == [-1, 2])
        #expect(
            try await Protoc.decode("codectest.TestAllTypes", decoded.serializedBytes())
                == Protoc.decode("codectest.TestAllTypes", known + extra))
    }

    @Test("a field with an unexpected wire type is kept as unknown, as protoc does")
    func wireTypeMismatchIsUnknown() async throws {
        // Field 1 (int32) sent as fixed32, field 14 (string) sent as a varint.
        let input: [UInt8] = [0x0D, 0x01, 0x00, 0x00, 0x00, 0x70, 0x05]
        let decoded = try TestAllTypes(serializedBytes: input)
        #expect(decoded.singularInt32 == 0 && decoded.singularString.isEmpty)
        #expect(decoded.serializedBytes() == input)
        #expect(try await Protoc.decodeRaw(decoded.serializedBytes()) == Protoc.decodeRaw(input))
    }

    @Test(
        "length prefixes of one, two and three bytes around 127/128 and 16383/16384",
        arguments: [125, 126, 127, 128, 16381, 16382, 16383, 16384])
    func lengthPrefixBoundaries(length: Int) async throws {
        var message = TestAllTypes()
        // A nested message whose body is `length` bytes: key (1) + length prefix + string.
        let stringLength = length - 1 - WireSize.varint(UInt64(length - 3))
        message.singularNestedMessage = .init(b: String(repeating: "x", count: stringLength))
        message.repeatedFixed32 = Array(repeating: 7, count: length / 4)
        message.mapInt32Bytes = [1: Data(repeating: 0xAB, count: length)]
        var outer = TestAllTypes()
        outer.recursive = message
        let text = try await Protoc.decode("codectest.TestAllTypes", outer.serializedBytes())
        #expect(try await Protoc.encode("codectest.TestAllTypes", text) == outer.serializedBytes())
        #expect(try TestAllTypes(serializedBytes: outer.serializedBytes()) == outer)
    }

    @Test("Payload encodes like protoc")
    func payload() async throws {
        var payload = Payload()
        payload.id = -42
        payload.name = "payload ✓"
        payload.body = Data([0, 1, 2, 0xFF])
        payload.tags = [1, -1, 1 << 20]
        payload.inner = .init(score: 0.25, flag: true)
        let expected = try await Protoc.encode(
            "codectest.Payload",
            #"id: -42 name: "payload ✓" body: "\000\001\002\377" tags: [1, -1, 1048576] inner { score: 0.25 flag: true }"#
        )
        #expect(payload.serializedBytes() == expected)
        #expect(try Payload(serializedBytes: expected) == payload)
    }
}

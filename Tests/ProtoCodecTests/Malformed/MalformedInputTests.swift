import Foundation
import ProtoCodec
import ProtocSupport
import Testing

@Suite("Malformed input")
struct MalformedInputTests {
    static let cases: [MalformedCase] = [
        MalformedCase("a varint value cut short", [0x08, 0x80], .truncatedVarint, field: 1, offset: 1),
        MalformedCase("a key cut short", [0x80], .truncatedVarint, field: nil, offset: 0),
        MalformedCase("a length prefix cut short", [0x72, 0x80], .truncatedVarint, field: 14, offset: 1),
        MalformedCase("a length prefix missing", [0x72], .truncatedVarint, field: 14, offset: 1),
        MalformedCase(
            "a varint longer than 10 bytes", [0x08] + Array(repeating: 0xFF, count: 10) + [0x01],
            .varintTooLong, field: 1, offset: 1),
        MalformedCase("wire type 6", [0x0E, 0x00], .invalidWireType(6), field: 1, offset: 0),
        MalformedCase("wire type 7", [0x08, 0x01, 0x0F], .invalidWireType(7), field: 1, offset: 2),
        MalformedCase("field number 0", [0x00, 0x01], .invalidFieldNumber(0), field: nil, offset: 0),
        MalformedCase(
            "field number 2^29, one above the largest", [0x80, 0x80, 0x80, 0x80, 0x10, 0x00],
            .invalidFieldNumber(1 << 29), field: nil, offset: 0),
        MalformedCase(
            "a key of 10 bytes", [0xF8] + Array(repeating: 0xFF, count: 8) + [0x01],
            .invalidFieldNumber(UInt64.max >> 3), field: nil, offset: 0),
        MalformedCase(
            "a string length past the end", [0x72, 0x05, 0x61], .lengthPastEnd(length: 5, available: 1),
            field: 14, offset: 2),
        MalformedCase(
            "a length of 2^64 - 1", [0x72] + Array(repeating: 0xFF, count: 9) + [0x01],
            .lengthPastEnd(length: .max, available: 0), field: 14, offset: 11),
        MalformedCase(
            "a length just above Int32.max, for 32-bit platforms", [0x7A, 0x80, 0x80, 0x80, 0x80, 0x08],
            .lengthPastEnd(length: 1 << 31, available: 0), field: 15, offset: 6),
        MalformedCase(
            "a nested message longer than its parent", [0x8A, 0x01, 0x02, 0x12, 0x05, 0x61],
            .lengthPastEnd(length: 5, available: 0), field: 2, offset: 5),
        MalformedCase(
            "an unknown field's length past the end", [0xA2, 0x06, 0x05], .lengthPastEnd(length: 5, available: 0),
            field: 100, offset: 3),
        MalformedCase("a fixed32 cut short", [0x3D, 0x01, 0x02], .truncatedFixed, field: 7, offset: 1),
        MalformedCase(
            "a fixed64 cut short", [0x41] + Array(repeating: 0, count: 7), .truncatedFixed, field: 8, offset: 1),
        MalformedCase("invalid UTF-8 in a string", [0x72, 0x02, 0xC3, 0x28], .invalidUTF8, field: 14, offset: 2),
        MalformedCase(
            "a UTF-16 surrogate encoded in a string", [0x08, 0x01, 0x72, 0x03, 0xED, 0xA0, 0x80], .invalidUTF8,
            field: 14, offset: 4),
        MalformedCase(
            "invalid UTF-8 in a nested message's string", [0x8A, 0x01, 0x04, 0x12, 0x02, 0xC3, 0x28], .invalidUTF8,
            field: 2, offset: 5),
        MalformedCase(
            "invalid UTF-8 in a map key", [0xEA, 0x03, 0x03, 0x0A, 0x01, 0xFF], .invalidUTF8, field: 1, offset: 5),
        MalformedCase("an end-group key with no group open", [0x0C], .unexpectedEndGroup, field: 1, offset: 0),
        MalformedCase(
            "an end-group key for another field", [0x0B, 0x08, 0x01, 0x14], .unexpectedEndGroup, field: 2, offset: 3),
        MalformedCase("a group never closed", [0x0B, 0x08, 0x01], .unterminatedGroup, field: 1, offset: 3),
        MalformedCase(
            "a group closed only after its nested message ends", [0x8A, 0x01, 0x01, 0x0B, 0x0C],
            .unterminatedGroup, field: 1, offset: 4),
        MalformedCase(
            "a packed fixed32 run of 3 bytes", [0xAA, 0x02, 0x03, 0x01, 0x02, 0x03], .malformedPackedField,
            field: 37, offset: 3),
        MalformedCase(
            "a packed double run of 9 bytes", [0xD2, 0x02, 0x09] + Array(repeating: 0, count: 9),
            .malformedPackedField, field: 42, offset: 3),
        MalformedCase(
            "a packed varint run ending inside a varint", [0xFA, 0x01, 0x02, 0x01, 0x80], .truncatedVarint,
            field: 31, offset: 4),
        MalformedCase(
            "messages nested 101 deep", MalformedCase.nestedMessages(depth: 101).bytes,
            .nestingTooDeep(limit: 100), field: 18, offset: MalformedCase.nestedMessages(depth: 101).innermostKeyEnd),
        MalformedCase(
            "groups nested 101 deep", MalformedCase.nestedGroups(depth: 101), .nestingTooDeep(limit: 100),
            field: 200, offset: 202),
    ]

    @Test("each malformed input throws the exact error, naming the field and byte offset", arguments: cases)
    func throwsExactError(_ testCase: MalformedCase) {
        #expect(throws: testCase.error) { try TestAllTypes(serializedBytes: testCase.bytes) }
        #expect(throws: testCase.error) {
            try testCase.bytes.withUnsafeBytes { buffer throws(ProtoDecodingError) in
                try TestAllTypes(serializedBytes: buffer)
            }
        }
    }

    @Test("100 levels of nested messages or groups are still accepted")
    func nestingAtTheLimit() throws {
        let messages = try TestAllTypes(serializedBytes: MalformedCase.nestedMessages(depth: 100).bytes)
        var depth = 0
        var current: TestAllTypes? = messages
        while let next = current?.recursive {
            depth += 1
            current = next
        }
        #expect(depth == 100)
        let groups = MalformedCase.nestedGroups(depth: 100)
        #expect(try TestAllTypes(serializedBytes: groups).unknownFields.bytes == groups)
    }

    @Test("a reader's own nesting limit is enforced and named in the error")
    func customNestingLimit() {
        let nested = MalformedCase.nestedMessages(depth: 4)
        let expected = ProtoDecodingError(.nestingTooDeep(limit: 3), fieldNumber: 18, offset: nested.innermostKeyEnd)
        #expect(throws: expected) {
            // Returning the message, not Void: a Void typed-throws closure here crashes
            // Swift 6.3.1's IR generation.
            try nested.bytes.withUnsafeBytes { buffer throws(ProtoDecodingError) -> TestAllTypes in
                var reader = WireReader(buffer: buffer, nestingLimit: 3)
                var message = TestAllTypes()
                try message.decode(from: &reader)
                return message
            }
        }
    }

    @Test("every prefix of a valid encoding either decodes or throws, never traps")
    func everyPrefix() throws {
        var random = RandomMessages(seed: SeededGenerator.baseSeed &+ 20)
        for _ in 0..<20 {
            let bytes = random.message().serializedBytes()
            for length in 0..<bytes.count {
                _ = try? TestAllTypes(serializedBytes: Array(bytes[..<length]))
            }
        }
    }

    @Test("the error description names the field and the offset")
    func description() {
        let error = ProtoDecodingError(.invalidUTF8, fieldNumber: 14, offset: 2)
        #expect(
            error.description == "protobuf decoding error: string field is not valid UTF-8 (field 14, byte offset 2)")
    }
}

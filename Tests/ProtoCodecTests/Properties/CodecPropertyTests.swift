import Foundation
import Testing
import ProtoCodec
import ProtocSupport

@Suite("Round-trip and merge properties")
struct CodecPropertyTests {
    static let count = 500

    @Test("every random message decodes to itself, and encodedSize() is the encoded length")
    func roundTrip() throws {
        let seed = SeededGenerator.baseSeed &+ 10
        var random = RandomMessages(seed: seed)
        for index in 0..<Self.count {
            let message = random.message()
            let bytes = message.serializedBytes()
            #expect(bytes.count == message.encodedSize(), "seed \(seed), message \(index)")
            #expect(try TestAllTypes(serializedBytes: bytes) == message, "seed \(seed), message \(index)")
            #expect(
                try TestAllTypes(serializedData: message.serializedData()) == message, "seed \(seed), message \(index)")
        }
    }

    @Test("decoding two concatenated encodings merges them by the protobuf rules")
    func concatenationIsMerge() throws {
        let seed = SeededGenerator.baseSeed &+ 11
        var random = RandomMessages(seed: seed)
        for index in 0..<Self.count {
            let first = random.message()
            let second = random.message()
            let expected = ExpectedMerge.merged(first, second)
            let concatenated = try TestAllTypes(serializedBytes: first.serializedBytes() + second.serializedBytes())
            #expect(concatenated == expected, "seed \(seed), pair \(index)")
            var merged = first
            try merged.merge(serializedBytes: second.serializedBytes())
            #expect(merged == expected, "seed \(seed), pair \(index)")
        }
    }

    @Test("the later oneof member wins, and a later message member merges into an earlier one")
    func oneofLastWins() throws {
        var first = TestAllTypes()
        first.oneofField = .oneofNestedMessage(.init(a: 1))
        var second = TestAllTypes()
        second.oneofField = .oneofString("later")
        var third = TestAllTypes()
        third.oneofField = .oneofNestedMessage(.init(b: "b"))
        let stringWins = try TestAllTypes(serializedBytes: first.serializedBytes() + second.serializedBytes())
        #expect(stringWins.oneofField == .oneofString("later"))
        let merged = try TestAllTypes(serializedBytes: first.serializedBytes() + third.serializedBytes())
        #expect(merged.oneofField == .oneofNestedMessage(.init(a: 1, b: "b")))
    }
}

import Foundation
import Testing
import ProtoCodec
import ProtocSupport

@Suite("Differential tests against Python protobuf")
struct PythonDifferentialTests {
    static let count = 200

    @Test("200 random messages survive our encode, Python's decode and encode, and our decode")
    func randomRoundTrips() async throws {
        let seed = SeededGenerator.baseSeed
        // The first half keeps maps to one entry, so Python's bytes must equal ours exactly.
        var deterministic = RandomMessages(seed: seed, maxMapEntries: 1)
        var anyOrder = RandomMessages(seed: seed &+ 1)
        let messages = (0..<Self.count).map { index in
            index < Self.count / 2 ? deterministic.message() : anyOrder.message()
        }
        let replies = try await PythonPeer.process(messages.map { (.roundTrip, $0.serializedBytes()) })
        for (index, (message, reply)) in zip(messages, replies).enumerated() {
            let context: Comment = "seed \(seed), message \(index)"
            let decoded = try TestAllTypes(serializedBytes: reply)
            #expect(decoded == message, context)
            #expect(reply.count == message.encodedSize(), context)
            if index < Self.count / 2 {
                #expect(reply == message.serializedBytes(), context)
            }
        }
    }

    @Test("fields Python adds from a newer schema survive our decode and encode byte for byte")
    func pythonUnknownFieldsSurvive() async throws {
        var random = RandomMessages(seed: SeededGenerator.baseSeed &+ 2, maxMapEntries: 1)
        let messages = (0..<50).map { _ in random.message(depth: 1) }
        let replies = try await PythonPeer.process(messages.map { (.addUnknownFields, $0.serializedBytes()) })
        for (index, (message, reply)) in zip(messages, replies).enumerated() {
            let context: Comment = "seed \(SeededGenerator.baseSeed &+ 2), message \(index)"
            let decoded = try TestAllTypes(serializedBytes: reply)
            #expect(!decoded.unknownFields.isEmpty, context)
            #expect(decoded.serializedBytes() == reply, context)
            var known = decoded
            known.unknownFields = UnknownFields()
            #expect(known == message, context)
            let extra = try UnknownFieldSource(serializedBytes: decoded.unknownFields.bytes)
            #expect(
                extra.extraVarint == -Int64(index) - 1 && extra.extraPacked == [Int32(index), -Int32(index), 1 << 20])
        }
    }

    @Test("unknown fields we keep survive Python's decode and encode byte for byte")
    func ourUnknownFieldsSurvive() async throws {
        var random = RandomMessages(seed: SeededGenerator.baseSeed &+ 3, maxMapEntries: 1)
        var messages: [TestAllTypes] = []
        for index in 0..<50 {
            var message = random.message(depth: 1)
            var extra = UnknownFieldSource()
            extra.extraVarint = Int64(index) - 25
            extra.extraString = "swift ✓"
            extra.extraFixed64 = UInt64(index)
            extra.extraPacked = [Int32.min, 0]
            try message.merge(serializedBytes: extra.serializedBytes())
            #expect(!message.unknownFields.isEmpty)
            messages.append(message)
        }
        let replies = try await PythonPeer.process(messages.map { (.roundTrip, $0.serializedBytes()) })
        for (index, (message, reply)) in zip(messages, replies).enumerated() {
            #expect(reply == message.serializedBytes(), "seed \(SeededGenerator.baseSeed &+ 3), message \(index)")
        }
    }
}

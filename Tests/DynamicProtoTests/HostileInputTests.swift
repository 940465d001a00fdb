import DynamicProto
import ProtoCodec
import Testing

@Suite("Hostile wire input")
struct HostileInputTests {
    @Test("every truncation and every single-byte corruption of a rich message decodes or throws, never traps")
    func truncationsAndCorruptions() async throws {
        let pool = try Fixtures.pool([Fixtures.testMessagesFile])
        let descriptor = try #require(pool.message(named: "codectest.TestAllTypes"))
        let bytes = try await Fixtures.protocEncode(Fixtures.richTestAllTypes, type: "codectest.TestAllTypes")
        var failures = 0
        for length in 0..<bytes.count {
            do {
                let message = try DynamicMessage(
                    descriptor: descriptor, pool: pool, serializedBytes: Array(bytes[..<length]))
                _ = message.serializedBytes()
                _ = message.textFormatString()
            } catch {
                failures += 1
            }
        }
        for index in bytes.indices {
            var corrupted = bytes
            corrupted[index] ^= 0xA5
            if let message = try? DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: corrupted) {
                // Whatever decoded must re-encode to something that decodes the same way.
                let again = try DynamicMessage(
                    descriptor: descriptor, pool: pool, serializedBytes: message.serializedBytes())
                #expect(again.serializedBytes() == message.serializedBytes())
                _ = message.textFormatString()
            }
        }
        #expect(failures > 0)
    }

    @Test("messages nested past the limit fail with nestingTooDeep instead of exhausting the stack")
    func deepNesting() throws {
        let pool = try Fixtures.pool([Fixtures.testMessagesFile])
        let descriptor = try #require(pool.message(named: "codectest.TestAllTypes"))
        // 200 levels of `recursive` (field 18, key 0x92 0x01), innermost empty.
        var bytes: [UInt8] = []
        for _ in 0..<200 {
            var prefix: [UInt8] = [0x92, 0x01]
            var length = bytes.count
            repeat {
                prefix.append(UInt8(length & 0x7F) | (length > 0x7F ? 0x80 : 0))
                length >>= 7
            } while length > 0
            bytes = prefix + bytes
        }
        #expect {
            try DynamicMessage(descriptor: descriptor, pool: pool, serializedBytes: bytes)
        } throws: { error in
            guard let error = error as? ProtoDecodingError, case .nestingTooDeep = error.kind else { return false }
            return true
        }
    }
}

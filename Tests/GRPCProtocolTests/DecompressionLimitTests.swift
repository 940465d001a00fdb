import Foundation
import GRPCProtocol
import ProtocSupport
import RPCCore
import Testing

/// A compressed message that would inflate to 1 GiB: refused once inflating passes the limit,
/// without inflating the rest.
@Suite("Decompression stops at the receive limit", .serialized)
struct DecompressionLimitTests {
    /// The process's peak resident memory so far, in bytes.
    static func peakResidentBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss * 1024
    }

    @Test("a 1 MB gzip of 1 GiB of zeros fails RESOURCE_EXHAUSTED having read a few KB of it, with bounded memory")
    func gigabyteBomb() async throws {
        let bomb = try await ZeroStream.gzip(mebibytes: 1024)
        #expect(bomb.count > 500_000 && bomb.count < 2_000_000, "the bomb is \(bomb.count) bytes")
        let limit = 4 << 20
        let peakBefore = Self.peakResidentBytes()
        var caught: DecompressionError?
        do {
            _ = try MessageDecompressor.decompress(bomb, with: .gzip, limit: limit)
        } catch {
            caught = error
        }
        guard case .exceedsLimit(limit, let read) = caught else {
            Issue.record("expected exceedsLimit, got \(String(describing: caught))")
            return
        }
        #expect(read < 64 << 10, "read \(read) of \(bomb.count) compressed bytes before stopping")
        #expect(Self.peakResidentBytes() - peakBefore < 256 << 20)
        #expect(caught?.rpcError.code == .resourceExhausted)
    }

    @Test("the same bomb framed for a stream is refused by the deframer with RESOURCE_EXHAUSTED")
    func bombThroughDeframer() async throws {
        let bomb = try await ZeroStream.gzip(mebibytes: 1024)
        var frame = [UInt8](repeating: 0, count: 5)
        frame[0] = 1
        withUnsafeBytes(of: UInt32(bomb.count).bigEndian) { frame.replaceSubrange(1..<5, with: $0) }
        var deframer = MessageDeframer(maxMessageSize: 4 << 20)
        deframer.setEncoding("gzip")
        #expect(statusCode { _ = try deframer.messages(in: frame + bomb) } == .resourceExhausted)
    }
}

import GRPCProtocol
import RPCCore
import Testing

/// The zlib codec on its own, and the compressed flag through the framer and deframer.
@Suite("Message compression codec")
struct MessageCompressionTests {
    /// Bytes that compress, but not to nothing: a repeating text with a counter.
    static let sample: [UInt8] = Array((0..<5_000).map { "message \($0 % 97);" }.joined().utf8)

    @Test(
        "gzip and deflate round-trip messages of 0, 1 and 100 000 bytes",
        arguments: [CompressionAlgorithm.gzip, .deflate])
    func roundTrip(algorithm: CompressionAlgorithm) throws {
        for message in [[], [42], Array(Self.sample.prefix(100_000))] as [[UInt8]] {
            let compressed = MessageCompressor.compress(message, with: algorithm)
            #expect(try MessageDecompressor.decompress(compressed, with: algorithm, limit: 1 << 20) == message)
        }
        #expect(MessageCompressor.compress(Self.sample, with: algorithm).count < Self.sample.count / 4)
    }

    @Test("gzip writes the gzip wrapper (1f 8b), deflate the zlib wrapper (0x78, header a multiple of 31)")
    func wrappers() {
        let gzip = MessageCompressor.compress(Self.sample, with: .gzip)
        #expect(gzip.prefix(2) == [0x1F, 0x8B])
        let deflate = MessageCompressor.compress(Self.sample, with: .deflate)
        #expect(deflate[0] == 0x78 && (UInt16(deflate[0]) << 8 | UInt16(deflate[1])) % 31 == 0)
    }

    @Test("identity leaves messages as they are")
    func identity() throws {
        #expect(MessageCompressor.compress(Self.sample, with: .identity) == Self.sample)
        #expect(
            try MessageDecompressor.decompress(Self.sample, with: .identity, limit: Self.sample.count) == Self.sample)
    }

    @Test("a message inflating to exactly the limit passes; one byte more is refused")
    func limitIsInclusive() throws {
        let message = [UInt8](repeating: 7, count: 100_000)
        let compressed = MessageCompressor.compress(message, with: .gzip)
        #expect(try MessageDecompressor.decompress(compressed, with: .gzip, limit: 100_000).count == 100_000)
        #expect(throws: DecompressionError.self) {
            try MessageDecompressor.decompress(compressed, with: .gzip, limit: 99_999)
        }
        let error = DecompressionError.exceedsLimit(limit: 99_999, compressedBytesRead: 1).rpcError
        #expect(error.code == .resourceExhausted)
    }

    @Test("corrupt data is malformed and cut-short data truncated, both INTERNAL")
    func badInput() {
        let compressed = MessageCompressor.compress(Self.sample, with: .deflate)
        #expect(throws: DecompressionError.truncated) {
            try MessageDecompressor.decompress(Array(compressed.dropLast(10)), with: .deflate, limit: 1 << 20)
        }
        #expect(throws: DecompressionError.truncated) {
            try MessageDecompressor.decompress([], with: .gzip, limit: 1 << 20)
        }
        var corrupt = compressed
        corrupt[0] = 0x79
        #expect(throws: DecompressionError.self) {
            try MessageDecompressor.decompress(corrupt, with: .deflate, limit: 1 << 20)
        }
        #expect(throws: DecompressionError.self) {
            try MessageDecompressor.decompress(compressed + [0], with: .deflate, limit: 1 << 20)
        }
        #expect(throws: DecompressionError.self) {
            try MessageDecompressor.decompress(compressed, with: .gzip, limit: 1 << 20)
        }
        #expect(DecompressionError.truncated.rpcError.code == .internal)
        #expect(DecompressionError.malformed("x").rpcError.code == .internal)
    }

    @Test("a compressed frame has flag 1 and the compressed length; the deframer inflates it and says so")
    func framedCompressedMessage() throws {
        let frame = MessageFramer.frame(Self.sample, compressedWith: .gzip)
        let compressedLength = MessageCompressor.compress(Self.sample, with: .gzip).count
        #expect(Array(frame.prefix(5)) == [1, 0, 0, UInt8(compressedLength >> 8), UInt8(compressedLength & 0xFF)])
        var deframer = MessageDeframer(maxMessageSize: 1 << 20)
        deframer.setEncoding("gzip")
        #expect(try deframer.messages(in: frame + MessageFramer.frame([5])) == [Self.sample, [5]])
        #expect(!deframer.lastMessageWasCompressed)
        #expect(try deframer.messages(in: frame) == [Self.sample])
        #expect(deframer.lastMessageWasCompressed)
    }

    @Test("the compressed flag with no grpc-encoding, identity or an unknown one is INTERNAL")
    func flagWithoutUsableEncoding() {
        let frame = MessageFramer.frame([1, 2, 3], compressedWith: .gzip)
        for encoding in [nil, "identity", "br"] as [String?] {
            var deframer = MessageDeframer(maxMessageSize: 1024)
            deframer.setEncoding(encoding)
            #expect(statusCode { _ = try deframer.messages(in: frame) } == .internal, "\(encoding ?? "no encoding")")
        }
    }

    @Test("a compressed message inflating past the receive limit is RESOURCE_EXHAUSTED")
    func inflatedPastLimit() {
        let frame = MessageFramer.frame([UInt8](repeating: 0, count: 10_000), compressedWith: .deflate)
        var deframer = MessageDeframer(maxMessageSize: 9_999)
        deframer.setEncoding("deflate")
        #expect(frame.count < 100)
        #expect(statusCode { _ = try deframer.messages(in: frame) } == .resourceExhausted)
    }
}

import Foundation
import GRPCProtocol
import ProtocSupport
import RPCCore
import Testing

/// Our zlib codec against Python's gzip and zlib modules: each side inflates what the other
/// compressed.
@Suite("Compression against Python's gzip and zlib", .serialized)
struct PythonZlibTests {
    /// Python decompression and compression of standard input, by encoding.
    static let python: [CompressionAlgorithm: (inflate: String, deflate: String)] = [
        .gzip: ("gzip.decompress", "gzip.compress"),
        .deflate: ("zlib.decompress", "zlib.compress"),
    ]

    /// Runs `function` (a Python bytes → bytes function) over `input`.
    static func runPython(_ function: String, _ input: [UInt8]) async throws -> [UInt8] {
        let script = "import gzip, sys, zlib; sys.stdout.buffer.write(\(function)(sys.stdin.buffer.read()))"
        return try await Protoc.runTool("/usr/bin/env", ["python3", "-c", script], input: input).stdout
    }

    @Test("Python inflates what we compress", arguments: [CompressionAlgorithm.gzip, .deflate])
    func pythonInflatesOurs(algorithm: CompressionAlgorithm) async throws {
        let compressed = MessageCompressor.compress(MessageCompressionTests.sample, with: algorithm)
        #expect(try await Self.runPython(Self.python[algorithm]!.inflate, compressed) == MessageCompressionTests.sample)
    }

    @Test("we inflate what Python compresses", arguments: [CompressionAlgorithm.gzip, .deflate])
    func weInflatePythons(algorithm: CompressionAlgorithm) async throws {
        let compressed = try await Self.runPython(Self.python[algorithm]!.deflate, MessageCompressionTests.sample)
        #expect(compressed.count < MessageCompressionTests.sample.count / 4)
        #expect(
            try MessageDecompressor.decompress(compressed, with: algorithm, limit: 1 << 20)
                == MessageCompressionTests.sample)
    }
}

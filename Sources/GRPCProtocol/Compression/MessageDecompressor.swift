import CZlib
import RPCCore

/// Why a compressed message could not be inflated.
public enum DecompressionError: Error, Sendable, Hashable {
    /// Inflating went past `limit` bytes; it stopped there, having read only
    /// `compressedBytesRead` of the compressed bytes.
    case exceedsLimit(limit: Int, compressedBytesRead: Int)
    /// The bytes are not a valid stream of the encoding; zlib's reason.
    case malformed(String)
    /// The compressed stream ended before its end marker.
    case truncated

    /// The status ending the call: RESOURCE_EXHAUSTED over the limit, INTERNAL otherwise.
    public var rpcError: RPCError {
        switch self {
        case .exceedsLimit(let limit, let read):
            return RPCError(
                code: .resourceExhausted,
                message:
                    "decompressed message exceeds the limit of \(limit) bytes (stopped after \(read) compressed bytes)")
        case .malformed(let reason):
            return RPCError(code: .internal, message: "failed to decompress a message: \(reason)")
        case .truncated:
            return RPCError(code: .internal, message: "failed to decompress a message: the compressed data ends early")
        }
    }
}

/// Inflates compressed messages with zlib, in bounded steps: output beyond the limit is never
/// produced, so a small message that would inflate to gigabytes costs at most `limit` bytes.
public enum MessageDecompressor {
    /// How much is inflated per step.
    static let stepSize = 32 * 1024

    /// `compressed` inflated with `algorithm` (`identity` returns it unchanged).
    ///
    /// - Throws: ``DecompressionError``: ``DecompressionError/exceedsLimit(limit:compressedBytesRead:)``
    ///   as soon as the output would pass `limit` bytes; malformed or truncated input otherwise.
    public static func decompress(
        _ compressed: [UInt8], with algorithm: CompressionAlgorithm, limit: Int
    ) throws(DecompressionError) -> [UInt8] {
        guard algorithm != .identity else {
            guard compressed.count <= limit else { throw .exceedsLimit(limit: limit, compressedBytesRead: 0) }
            return compressed
        }
        var stream = z_stream()
        let initialized = inflateInit2_(
            &stream, ZlibFormat.windowBits(for: algorithm), zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initialized == Z_OK else { throw .malformed("inflateInit2 failed with \(initialized)") }
        defer { inflateEnd(&stream) }
        let result = compressed.withUnsafeBufferPointer { source -> Result<[UInt8], DecompressionError> in
            // zlib declares next_in mutable but only reads through it.
            stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
            stream.avail_in = uInt(source.count)
            return inflateAll(&stream, limit: limit)
        }
        return try result.get()
    }

    private static func inflateAll(_ stream: inout z_stream, limit: Int) -> Result<[UInt8], DecompressionError> {
        var output: [UInt8] = []
        var step = [UInt8](repeating: 0, count: stepSize)
        while true {
            let status = step.withUnsafeMutableBufferPointer { buffer in
                stream.next_out = buffer.baseAddress
                stream.avail_out = uInt(buffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            let produced = stepSize - Int(stream.avail_out)
            guard output.count + produced <= limit else {
                return .failure(.exceedsLimit(limit: limit, compressedBytesRead: Int(stream.total_in)))
            }
            output.append(contentsOf: step[..<produced])
            switch status {
            case Z_STREAM_END:
                guard stream.avail_in == 0 else {
                    return .failure(.malformed("bytes after the end of the compressed data"))
                }
                return .success(output)
            case Z_OK:
                continue
            case Z_BUF_ERROR:
                return .failure(.truncated)
            default:
                let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                return .failure(.malformed(reason))
            }
        }
    }
}

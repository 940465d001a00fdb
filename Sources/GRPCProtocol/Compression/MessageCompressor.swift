import CZlib
import RPCCore

/// Compresses whole messages with zlib for the `gzip` and `deflate` message encodings.
public enum MessageCompressor {
    /// `message` compressed with `algorithm` in one pass (`identity` returns it unchanged).
    public static func compress(_ message: [UInt8], with algorithm: CompressionAlgorithm) -> [UInt8] {
        guard algorithm != .identity else { return message }
        var stream = z_stream()
        let initialized = deflateInit2_(
            &stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, ZlibFormat.windowBits(for: algorithm), 8,
            Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(initialized == Z_OK, "deflateInit2 failed with \(initialized): zlib cannot allocate its state")
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(message.count)))
        return [UInt8](unsafeUninitializedCapacity: bound) { output, count in
            message.withUnsafeBufferPointer { source in
                // zlib declares next_in mutable but only reads through it.
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(bound)
                // With deflateBound's room for the output, one call compresses everything.
                let status = deflate(&stream, Z_FINISH)
                precondition(status == Z_STREAM_END, "deflate into deflateBound bytes returned \(status)")
            }
            count = bound - Int(stream.avail_out)
        }
    }
}

/// The zlib settings of each encoding.
enum ZlibFormat {
    /// zlib's `windowBits`: 15 (32 KiB window) with the zlib wrapper for deflate, plus 16
    /// for the gzip wrapper.
    static func windowBits(for algorithm: CompressionAlgorithm) -> Int32 {
        algorithm == .gzip ? 15 + 16 : 15
    }
}

import RPCCore

/// The gRPC length-prefixed message format on the sending side: a 1-byte compressed flag
/// and a 4-byte big-endian length, then the message bytes.
public enum MessageFramer {
    /// The size of the prefix before every message.
    public static let prefixSize = 5

    /// Writes the 5-byte prefix of a message of `length` bytes (as sent, so compressed when
    /// `compressed`) at the start of `buffer`, which must hold at least ``prefixSize`` bytes;
    /// returns ``prefixSize``.
    @inlinable
    public static func writePrefix(length: Int, compressed: Bool = false, into buffer: UnsafeMutableRawBufferPointer)
        -> Int
    {
        precondition(buffer.count >= prefixSize && length >= 0 && length <= Int(UInt32.max))
        buffer[0] = compressed ? 1 : 0
        buffer.storeBytes(of: UInt32(length).bigEndian, toByteOffset: 1, as: UInt32.self)
        return prefixSize
    }

    /// The prefix and the message in one new array; with an `algorithm` other than
    /// `identity`, the message is compressed with it and the compressed flag set.
    public static func frame(_ message: [UInt8], compressedWith algorithm: CompressionAlgorithm = .identity) -> [UInt8]
    {
        guard algorithm == .identity else {
            return frame(bytes: MessageCompressor.compress(message, with: algorithm), compressed: true)
        }
        return frame(bytes: message, compressed: false)
    }

    private static func frame(bytes message: [UInt8], compressed: Bool) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: prefixSize + message.count) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            _ = writePrefix(length: message.count, compressed: compressed, into: raw)
            message.withUnsafeBytes { source in
                if let base = source.baseAddress {
                    raw.baseAddress!.advanced(by: prefixSize).copyMemory(from: base, byteCount: source.count)
                }
            }
            count = prefixSize + message.count
        }
    }
}

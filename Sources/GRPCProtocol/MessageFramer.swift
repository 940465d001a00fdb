/// The gRPC length-prefixed message format on the sending side: a 1-byte compressed flag
/// (always 0 until compression is negotiated) and a 4-byte big-endian length, then the
/// message bytes.
public enum MessageFramer {
    /// The size of the prefix before every message.
    public static let prefixSize = 5

    /// Writes the 5-byte prefix of an uncompressed message of `length` bytes at the start of
    /// `buffer`, which must hold at least ``prefixSize`` bytes; returns ``prefixSize``.
    @inlinable
    public static func writePrefix(length: Int, into buffer: UnsafeMutableRawBufferPointer) -> Int {
        precondition(buffer.count >= prefixSize && length >= 0 && length <= Int(UInt32.max))
        buffer[0] = 0
        buffer.storeBytes(of: UInt32(length).bigEndian, toByteOffset: 1, as: UInt32.self)
        return prefixSize
    }

    /// The prefix and the message in one new array.
    public static func frame(_ message: [UInt8]) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: prefixSize + message.count) { buffer, count in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            _ = writePrefix(length: message.count, into: raw)
            message.withUnsafeBytes { source in
                if let base = source.baseAddress {
                    raw.baseAddress!.advanced(by: prefixSize).copyMemory(from: base, byteCount: source.count)
                }
            }
            count = prefixSize + message.count
        }
    }
}

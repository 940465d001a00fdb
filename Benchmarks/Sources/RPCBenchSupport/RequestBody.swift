/// gRPC's length-prefixed message framing, for h2load's pre-encoded request body.
public enum RequestBody {
    /// `message` behind the 5-byte prefix: uncompressed flag, 4-byte big-endian length.
    public static func framed(_ message: [UInt8]) -> [UInt8] {
        let length = UInt32(message.count)
        return [
            0, UInt8(length >> 24), UInt8(truncatingIfNeeded: length >> 16),
            UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length),
        ] + message
    }
}

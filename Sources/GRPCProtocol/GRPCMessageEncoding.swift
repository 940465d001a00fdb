/// The `grpc-message` header's percent-encoding: bytes outside printable ASCII
/// (0x20–0x7E) and `%` itself are sent as `%XX` of the message's UTF-8.
public enum GRPCMessageEncoding {
    /// Percent-encodes a status message for `grpc-message`.
    public static func encode(_ message: String) -> String {
        let utf8 = message.utf8
        guard utf8.contains(where: needsEscaping) else { return message }
        var encoded: [UInt8] = []
        encoded.reserveCapacity(utf8.count * 3)
        let digits = Array("0123456789ABCDEF".utf8)
        for byte in utf8 {
            if needsEscaping(byte) {
                encoded.append(UInt8(ascii: "%"))
                encoded.append(digits[Int(byte >> 4)])
                encoded.append(digits[Int(byte & 0x0F)])
            } else {
                encoded.append(byte)
            }
        }
        return String(decoding: encoded, as: UTF8.self)
    }

    /// Decodes a `grpc-message` value. Never fails: a `%` not followed by two hex digits is
    /// kept as it is, and invalid UTF-8 becomes U+FFFD.
    public static func decode(_ text: some StringProtocol) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: "%")) else { return String(text) }
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 3
            } else {
                decoded.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    static func needsEscaping(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte > 0x7E || byte == UInt8(ascii: "%")
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

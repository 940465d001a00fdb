import Foundation

/// Base64 with the URL- and filename-safe alphabet (RFC 4648 §5), unpadded, as JWTs, VAPID
/// keys and browsers' push subscriptions carry bytes.
public enum Base64URL {
    /// `bytes` in the URL-safe alphabet without `=` padding.
    public static func encode(_ bytes: some DataProtocol) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// The bytes of `text` in the URL-safe alphabet, with or without padding; `nil` when it
    /// holds another character (including `+` and `/`) or has an impossible length.
    public static func decode(_ text: String) -> Data? {
        var unpadded = Substring(text)
        while unpadded.hasSuffix("=") { unpadded = unpadded.dropLast() }
        guard unpadded.utf8.allSatisfy({ $0 != UInt8(ascii: "+") && $0 != UInt8(ascii: "/") }) else { return nil }
        var standard = unpadded.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        guard standard.count % 4 != 1 else { return nil }
        standard += String(repeating: "=", count: (4 - standard.count % 4) % 4)
        return Data(base64Encoded: standard)
    }
}

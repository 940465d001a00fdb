#if canImport(Glibc)
import Glibc
#endif

/// The request header names a server parser handles itself, recognised from their bytes
/// (HTTP/2 names arrive lower-case), so no string is built for them.
enum RequestHeaderName {
    case method, scheme, path, authority
    case contentType, te, timeout, encoding, acceptEncoding, userAgent

    /// The name `bytes` spell, or `nil` for any other (custom metadata or unknown pseudo headers).
    init?(_ bytes: UnsafeRawBufferPointer) {
        switch bytes.count {
        case 2 where bytes.spells("te"): self = .te
        case 5 where bytes.spells(":path"): self = .path
        case 7 where bytes.spells(":method"): self = .method
        case 7 where bytes.spells(":scheme"): self = .scheme
        case 10 where bytes.spells(":authority"): self = .authority
        case 10 where bytes.spells("user-agent"): self = .userAgent
        case 12 where bytes.spells("content-type"): self = .contentType
        case 12 where bytes.spells("grpc-timeout"): self = .timeout
        case 13 where bytes.spells("grpc-encoding"): self = .encoding
        case 20 where bytes.spells("grpc-accept-encoding"): self = .acceptEncoding
        default: return nil
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are exactly `text` (one `memcmp`: header names are compared
    /// against several candidates for every field).
    func spells(_ text: StaticString) -> Bool {
        hasSameBytes(as: UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Whether these bytes are exactly `other`'s (a length check and one `memcmp`).
    func hasSameBytes(as other: UnsafeRawBufferPointer) -> Bool {
        count == other.count && (count == 0 || memcmp(baseAddress!, other.baseAddress!, count) == 0)
    }

    /// Whether these bytes are `text` ignoring ASCII case (`text` is lower-case): a `memcmp`
    /// first, as peers almost always send lower case, then byte by byte.
    func spellsIgnoringCase(_ text: StaticString) -> Bool {
        guard count == text.utf8CodeUnitCount else { return false }
        if spells(text) { return true }
        for index in 0..<count where self[index].asciiLowercased != text.utf8Start[index] { return false }
        return true
    }

    /// Whether these bytes begin with `text` ignoring ASCII case (`text` is lower-case).
    func startsIgnoringCase(with text: StaticString) -> Bool {
        count >= text.utf8CodeUnitCount
            && UnsafeRawBufferPointer(rebasing: self[0..<text.utf8CodeUnitCount]).spellsIgnoringCase(text)
    }
}

extension UInt8 {
    /// The byte with ASCII `A`–`Z` lowered.
    var asciiLowercased: UInt8 {
        self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z") ? self + 32 : self
    }
}

import Foundation

/// A signed JSON Web Token in compact form (RFC 7519, RFC 7515): header and claims as
/// base64url JSON, signed with ES256 (a P-256 key) or RS256 (an RSA key).
public enum JSONWebToken {
    /// `header.claims.signature` for `claims` (a JSON object) signed with `key`.
    ///
    /// - Throws: ``CryptoError`` when signing fails; `EncodingError` for claims JSON cannot hold.
    public static func sign(claims: [String: JSONClaim], with key: PrivateKey) throws -> String {
        let algorithm = key.kind == .p256 ? "ES256" : "RS256"
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let header = try encoder.encode(["typ": "JWT", "alg": algorithm])
        let body = try encoder.encode(claims)
        let signingInput = Base64URL.encode(header) + "." + Base64URL.encode(body)
        return signingInput + "." + Base64URL.encode(try key.signature(for: Data(signingInput.utf8)))
    }
}

/// One claim's value: a string or an integer (such as `exp`, seconds since the epoch).
public enum JSONClaim: Sendable, Hashable, Encodable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case string(String)
    case integer(Int64)

    /// A string claim.
    public init(stringLiteral value: String) { self = .string(value) }

    /// An integer claim.
    public init(integerLiteral value: Int64) { self = .integer(value) }

    /// Encodes the bare value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let text): try container.encode(text)
        case .integer(let number): try container.encode(number)
        }
    }
}

import Foundation
import PushCrypto
import Synchronization

/// Voluntary application server identification (RFC 8292): the `Authorization: vapid t=…,
/// k=…` header proving to a push service which application server sends.
///
/// The token is an ES256 JWT with `aud` the push resource's origin, `exp` ``lifetime`` ahead
/// (at most 24 hours) and `sub` the operator's contact; `k` is the public key browsers were
/// given as `applicationServerKey`. One token per origin is kept and reused until it has less
/// than ``renewalMargin`` left.
public final class VAPIDAuthorizer: Sendable {
    /// How far ahead a token's `exp` lies.
    public static let lifetime: Duration = .seconds(12 * 3600)
    /// A cached token with less than this left is replaced.
    public static let renewalMargin: Duration = .seconds(3600)

    /// The contact sent as `sub`: a `mailto:` or `https:` URI.
    public let subject: String
    /// The public key, base64url, as browsers take it for `applicationServerKey` (`k`).
    public let publicKey: String
    private let key: PrivateKey
    private let clock: @Sendable () -> Date
    private let tokens = Mutex<[String: (header: String, expires: Date)]>([:])

    /// Creates an authorizer signing with `key` (P-256).
    ///
    /// - Parameter clock: the current time (tests move it).
    /// - Throws: ``VAPIDConfigurationError`` for a key that is not P-256 or a subject that is
    ///   neither `mailto:` nor `https:`.
    public init(key: PrivateKey, subject: String, clock: @escaping @Sendable () -> Date = Date.init)
        throws(VAPIDConfigurationError)
    {
        guard key.kind == .p256, let publicKey = try? key.publicKey() else {
            throw VAPIDConfigurationError("the VAPID key must be an EC P-256 private key")
        }
        let lowered = subject.lowercased()
        guard
            lowered.hasPrefix("mailto:") && subject.count > 7
                || lowered.hasPrefix("https://") && URL(string: subject)?.host != nil
        else {
            throw VAPIDConfigurationError("the VAPID subject must be a mailto: or https: URI, not '\(subject)'")
        }
        self.key = key
        self.subject = subject
        self.publicKey = Base64URL.encode(publicKey.bytes)
        self.clock = clock
    }

    /// The `Authorization` header value for a push to `endpoint`.
    ///
    /// - Throws: ``VAPIDConfigurationError`` for an endpoint without scheme and host;
    ///   ``CryptoError`` when signing fails.
    public func authorization(for endpoint: URL) throws -> String {
        let audience = try Self.origin(of: endpoint)
        let now = clock()
        if let cached = tokens.withLock({ $0[audience] }),
            cached.expires.timeIntervalSince(now) > Self.seconds(Self.renewalMargin)
        {
            return cached.header
        }
        let expires = now.addingTimeInterval(Self.seconds(Self.lifetime))
        let token = try JSONWebToken.sign(
            claims: [
                "aud": .string(audience), "exp": .integer(Int64(expires.timeIntervalSince1970)),
                "sub": .string(subject),
            ],
            with: key)
        let header = "vapid t=\(token), k=\(publicKey)"
        tokens.withLock { $0[audience] = (header, expires) }
        return header
    }

    /// `scheme://host[:port]` of `url`, lower-cased, the port only when not the scheme's default.
    static func origin(of url: URL) throws(VAPIDConfigurationError) -> String {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty else {
            throw VAPIDConfigurationError("the push endpoint \(url) has no scheme and host")
        }
        let defaultPort = scheme == "https" ? 443 : 80
        let shownHost = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let port = url.port, port != defaultPort else { return "\(scheme)://\(shownHost)" }
        return "\(scheme)://\(shownHost):\(port)"
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}

/// A VAPID key or subject the service cannot sign with.
public struct VAPIDConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What is wrong.
    public let description: String

    /// Creates an error.
    public init(_ description: String) { self.description = description }
}

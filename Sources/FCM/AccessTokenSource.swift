import Foundation
import HTTPSClient
import NotificationService
import PushCrypto

/// OAuth 2.0 access tokens for FCM from a service account (RFC 7523 JWT bearer grant): an
/// RS256 JWT (`iss` the account, `scope` firebase.messaging, `aud` the token URI, one hour)
/// is exchanged at the key's token URI. A token is reused until ``renewalMargin`` before it
/// expires; callers asking while a token is being fetched share that fetch.
public actor AccessTokenSource {
    /// The OAuth scope FCM's send API requires.
    public static let scope = "https://www.googleapis.com/auth/firebase.messaging"
    /// A token with less than this left is replaced.
    public static let renewalMargin: TimeInterval = 300

    private let key: ServiceAccountKey
    private let client: HTTPSClient
    private let clock: @Sendable () -> Date
    private var current: (token: String, expires: Date)?
    private var fetching: Task<String, any Error>?

    /// Creates a source for `key`'s account.
    public init(key: ServiceAccountKey, client: HTTPSClient, clock: @escaping @Sendable () -> Date = Date.init) {
        self.key = key
        self.client = client
        self.clock = clock
    }

    /// A valid access token, fetched when none is cached or the cached one is near its expiry.
    ///
    /// - Throws: ``PushFailure``: retryable when the token endpoint could not be reached or
    ///   answered 429 or 5xx; rejected (a configuration error) for any other refusal.
    public func token() async throws(PushFailure) -> String {
        if let current, current.expires.timeIntervalSince(clock()) > Self.renewalMargin { return current.token }
        let task = fetching ?? Task { try await fetch() }
        fetching = task
        do {
            let token = try await task.value
            fetching = nil
            return token
        } catch {
            fetching = nil
            throw error as? PushFailure ?? PushFailure(.retryable(after: nil), "OAuth token request: \(error)")
        }
    }

    private func fetch() async throws(PushFailure) -> String {
        let now = clock()
        let assertion: String
        do {
            assertion = try JSONWebToken.sign(
                claims: [
                    "iss": .string(key.clientEmail), "scope": .string(Self.scope),
                    "aud": .string(key.tokenURI.absoluteString),
                    "iat": .integer(Int64(now.timeIntervalSince1970)),
                    "exp": .integer(Int64(now.timeIntervalSince1970) + 3600),
                ], with: key.privateKey)
        } catch {
            throw PushFailure(.rejected, "configuration error: cannot sign the token request: \(error)")
        }
        let body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=\(assertion)"
        let response: HTTPResponse
        do {
            response = try await client.post(
                key.tokenURI, headers: [("Content-Type", "application/x-www-form-urlencoded")], body: Data(body.utf8))
        } catch {
            throw PushFailure(.retryable(after: nil), "OAuth token request: \(error)")
        }
        let said = String(decoding: response.body.prefix(200), as: UTF8.self)
        switch response.status {
        case 200:
            guard let fields = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any],
                let token = fields["access_token"] as? String, !token.isEmpty
            else {
                throw PushFailure(
                    .retryable(after: nil), "the token endpoint \(key.tokenURI) answered without an access_token")
            }
            let lifetime = (fields["expires_in"] as? NSNumber)?.doubleValue ?? 3600
            current = (token, now.addingTimeInterval(lifetime))
            return token
        case 429, 500..<600:
            let wait = response.header("Retry-After").flatMap { RetryAfter.parse($0, now: Date()) }
            throw PushFailure(
                .retryable(after: wait), "the token endpoint \(key.tokenURI) answered HTTP \(response.status)")
        default:
            throw PushFailure(
                .rejected,
                "configuration error: the token endpoint \(key.tokenURI) refused the service account with HTTP \(response.status): \(said)"
            )
        }
    }

    /// Forgets the cached token (FCM refused it), so the next ``token()`` fetches a new one.
    public func invalidate() {
        current = nil
    }
}

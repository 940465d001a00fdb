import Foundation

/// A device as its push provider knows it; ``key`` names it in the store.
public enum PushDevice: Sendable, Hashable, Codable {
    /// An opaque token of a generic provider (the push file, a webhook).
    case token(String)
    /// A Firebase Cloud Messaging registration token.
    case fcm(token: String)
    /// A browser's Web Push subscription.
    case webPush(WebPushSubscription)

    /// The kinds of device, one per kind of sender.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        /// ``PushDevice/token(_:)``.
        case token
        /// ``PushDevice/fcm(token:)``.
        case fcm
        /// ``PushDevice/webPush(_:)``.
        case webPush = "webpush"
    }

    /// The device's kind.
    public var kind: Kind {
        switch self {
        case .token: .token
        case .fcm: .fcm
        case .webPush: .webPush
        }
    }

    /// The name the store keys the device by: the token, or the subscription's endpoint (a
    /// push service gives each subscription its own).
    public var key: String {
        switch self {
        case .token(let token), .fcm(let token): token
        case .webPush(let subscription): subscription.endpoint
        }
    }
}

/// A Web Push subscription as a browser's `PushSubscription.toJSON()` gives it.
public struct WebPushSubscription: Sendable, Hashable, Codable {
    /// The push resource: an https URL at the browser's push service.
    public var endpoint: String
    /// The user agent's P-256 public key, uncompressed, base64url (65 bytes).
    public var p256dh: String
    /// The authentication secret, base64url (16 bytes).
    public var auth: String
    /// When the subscription expires, milliseconds since the epoch; `nil` when the browser
    /// gave none.
    public var expirationTime: Int64?

    /// Creates a subscription (unchecked; see ``DeviceValidation``).
    public init(endpoint: String, p256dh: String, auth: String, expirationTime: Int64? = nil) {
        self.endpoint = endpoint
        self.p256dh = p256dh
        self.auth = auth
        self.expirationTime = expirationTime
    }
}

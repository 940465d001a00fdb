import Foundation
import PushCrypto

/// The checks a device passes before it is stored, each failure naming the request field.
public enum DeviceValidation {
    /// A field that is not what its provider needs.
    public struct Failure: Error, Sendable, Hashable, CustomStringConvertible {
        /// The request field, such as `web_push.keys.p256dh`.
        public var field: String
        /// What is wrong with it.
        public var problem: String

        /// "field: problem".
        public var description: String { "\(field): \(problem)" }
    }

    /// Checks a subscription: the endpoint an https URL with a host, `p256dh` a 65-byte
    /// uncompressed point on P-256 and `auth` 16 bytes, both base64url.
    public static func check(_ subscription: WebPushSubscription) throws(Failure) {
        guard let url = URL(string: subscription.endpoint), url.scheme?.lowercased() == "https",
            url.host?.isEmpty == false
        else {
            throw Failure(field: "web_push.endpoint", problem: "must be an https URL, not '\(subscription.endpoint)'")
        }
        guard let key = Base64URL.decode(subscription.p256dh) else {
            throw Failure(field: "web_push.keys.p256dh", problem: "is not base64url")
        }
        do {
            _ = try P256PublicKey(uncompressed: key)
        } catch {
            throw Failure(field: "web_push.keys.p256dh", problem: "\(error)")
        }
        guard let auth = Base64URL.decode(subscription.auth) else {
            throw Failure(field: "web_push.keys.auth", problem: "is not base64url")
        }
        guard auth.count == 16 else {
            throw Failure(field: "web_push.keys.auth", problem: "is \(auth.count) bytes, not 16")
        }
    }

    /// Checks an FCM registration token: not empty, printable ASCII without spaces, at most 4 KiB.
    public static func check(fcmToken token: String) throws(Failure) {
        guard !token.isEmpty, token.utf8.count <= 4096, token.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7f }) else {
            throw Failure(field: "fcm_token", problem: "must be 1 to 4096 printable ASCII characters without spaces")
        }
    }
}

import Foundation
import HTTPSClient
import NotificationService

/// What an FCM v1 answer means for the token, from its status and the error's
/// `details[].errorCode` (or `status` when no detail names one):
/// - 200: delivered;
/// - `UNREGISTERED` or HTTP 404: the app instance is gone, the token is removed;
/// - `INVALID_ARGUMENT`: the token was never valid (the payload is always well formed), removed;
/// - `QUOTA_EXCEEDED`, `UNAVAILABLE`, `INTERNAL`, 429, 5xx: retryable, honouring `Retry-After`;
/// - `SENDER_ID_MISMATCH`, `THIRD_PARTY_AUTH_ERROR`, 401, 403: a configuration error, rejected;
/// - anything else: rejected, quoting FCM.
struct FCMAnswer {
    /// The delivery it means.
    let delivery: DeviceDelivery
    /// Whether FCM refused the access token (so the cached one should be dropped).
    let refusedCredentials: Bool

    init(_ response: HTTPResponse) {
        refusedCredentials = response.status == 401
        guard response.status != 200 else {
            delivery = .delivered
            return
        }
        let error =
            (try? JSONSerialization.jsonObject(with: response.body) as? [String: Any])?["error"] as? [String: Any]
        let details = error?["details"] as? [[String: Any]] ?? []
        let code = details.compactMap { $0["errorCode"] as? String }.first ?? error?["status"] as? String ?? ""
        let message = error?["message"] as? String ?? String(decoding: response.body.prefix(200), as: UTF8.self)
        let said = "FCM answered HTTP \(response.status)\(code.isEmpty ? "" : " \(code)"): \(message)"
        switch (code, response.status) {
        case ("UNREGISTERED", _), (_, 404):
            delivery = .unregistered(reason: "\(said) (the token is no longer registered)")
        case ("INVALID_ARGUMENT", _):
            delivery = .unregistered(reason: "\(said) (the token is not a valid FCM token)")
        case ("QUOTA_EXCEEDED", _), ("UNAVAILABLE", _), ("INTERNAL", _), (_, 429), (_, 500..<600):
            let wait = response.header("Retry-After").flatMap { RetryAfter.parse($0, now: Date()) }
            delivery = .failed(PushFailure(.retryable(after: wait), said))
        case ("SENDER_ID_MISMATCH", _), ("THIRD_PARTY_AUTH_ERROR", _), (_, 401), (_, 403):
            delivery = .failed(PushFailure(.rejected, "configuration error: \(said)"))
        default:
            delivery = .failed(PushFailure(.rejected, said))
        }
    }
}

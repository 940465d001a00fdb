import Foundation
import HTTPSClient
import NotificationService
import PushCrypto

/// Delivers pushes to browsers through their push services: the Web Push protocol (RFC 8030)
/// with VAPID (RFC 8292) and the message encrypted for each subscription (RFC 8291).
///
/// Each ``PushDevice/webPush(_:)`` device of a push gets one POST to its endpoint with the
/// encrypted JSON payload (title, schedule id, start time, notification id), `TTL`,
/// `Urgency: high` and a `Topic` made from the notification id (so a resend replaces an
/// undelivered copy at the push service); other devices are not this sender's. Answers:
/// 2xx delivered; 404 and 410 the subscription is gone (removed by the service); 413 payload
/// too large, rejected; 429 and 5xx (and no answer) retryable, honouring `Retry-After`;
/// 400, 401 and 403 rejected as a configuration error quoting the push service.
public struct WebPushSender: PushSender {
    /// How long after its start time a notification is still worth delivering: the default
    /// `TTL` is the time left until then.
    public static let defaultUsefulness: Duration = .seconds(900)

    private let authorizer: VAPIDAuthorizer
    private let client: HTTPSClient
    private let timeToLive: Duration?
    private let clock: @Sendable () -> Date
    private let fanOut = DeviceFanOut()

    /// Creates a sender.
    ///
    /// - Parameters:
    ///   - timeToLive: the `TTL` of every push; `nil`: the time left until the start time
    ///     plus ``defaultUsefulness``.
    ///   - clock: the current time.
    public init(
        authorizer: VAPIDAuthorizer, client: HTTPSClient, timeToLive: Duration? = nil,
        clock: @escaping @Sendable () -> Date = Date.init
    ) {
        self.authorizer = authorizer
        self.client = client
        self.timeToLive = timeToLive
        self.clock = clock
    }

    /// Sends `push` to each of its Web Push subscriptions once (one that accepted it before,
    /// under the same key, is skipped).
    ///
    /// - Throws: ``PushFailure`` combined over the subscriptions (``PushAnswers/combine(_:)``).
    public func send(_ push: Push) async throws -> PushReceipt {
        let payload = try Self.payload(of: push)
        let headers = try commonHeaders(for: push)
        return try await fanOut.send(push.filter { $0.kind == .webPush }) { device in
            guard case .webPush(let subscription) = device else { return .delivered }
            return await deliver(payload, headers: headers, to: subscription)
        }
    }

    /// The plaintext a browser's service worker receives: JSON with sorted keys.
    public static func payload(of push: Push) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(
            NotificationPayload(
                notificationId: push.idempotencyKey, scheduleId: push.scheduleID, title: push.title,
                startTime: push.startTime))
    }

    private func commonHeaders(for push: Push) throws -> [(String, String)] {
        let seconds: Int64
        if let timeToLive {
            seconds = timeToLive.components.seconds
        } else {
            let usefulUntil = Double(push.startTime) / 1000 + Double(Self.defaultUsefulness.components.seconds)
            seconds = max(0, Int64(usefulUntil - clock().timeIntervalSince1970))
        }
        let topic = String(Base64URL.encode(try SHA256Digest.hash(Data(push.idempotencyKey.utf8))).prefix(32))
        return [
            ("Content-Type", "application/octet-stream"), ("Content-Encoding", "aes128gcm"),
            ("TTL", "\(seconds)"), ("Urgency", "high"), ("Topic", topic),
        ]
    }

    private func deliver(_ payload: Data, headers: [(String, String)], to subscription: WebPushSubscription) async
        -> DeviceDelivery
    {
        guard let endpoint = URL(string: subscription.endpoint) else {
            return .unregistered(reason: "the endpoint is not a URL")
        }
        let body: Data
        do {
            guard let key = Base64URL.decode(subscription.p256dh), let auth = Base64URL.decode(subscription.auth) else {
                return .unregistered(reason: "the subscription's keys are not base64url")
            }
            body = try MessageEncryption.encrypt(payload, to: P256PublicKey(uncompressed: key), authSecret: auth)
        } catch MessageEncryptionError.payloadTooLarge(let bytes, let limit) {
            return .failed(PushFailure(.rejected, "the payload is \(bytes) bytes; Web Push carries at most \(limit)"))
        } catch {
            return .unregistered(reason: "the subscription's keys are unusable: \(error)")
        }
        let response: HTTPResponse
        do {
            let authorization = try authorizer.authorization(for: endpoint)
            response = try await client.post(
                endpoint, headers: headers + [("Authorization", authorization)], body: body)
        } catch let error as HTTPClientError {
            return .failed(PushFailure(.retryable(after: nil), error.description))
        } catch {
            return .failed(PushFailure(.rejected, "cannot sign the VAPID token: \(error)"))
        }
        return Self.delivery(for: response, from: endpoint)
    }

    /// What a push service's answer means for the subscription (RFC 8030 §5, §8.3; RFC 8292 §4).
    static func delivery(for response: HTTPResponse, from endpoint: URL) -> DeviceDelivery {
        let said = String(decoding: response.body.prefix(200), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let answer = "HTTP \(response.status)" + (said.isEmpty ? "" : " (\(said))")
        let origin = (try? VAPIDAuthorizer.origin(of: endpoint)) ?? endpoint.absoluteString
        switch response.status {
        case 200..<300:
            return .delivered
        case 404, 410:
            return .unregistered(reason: "the push service answered \(answer): the subscription expired")
        case 413:
            return .failed(
                PushFailure(.rejected, "the push service at \(origin) answered \(answer): payload too large"))
        case 429, 500..<600:
            let wait = response.header("Retry-After").flatMap { RetryAfter.parse($0, now: Date()) }
            return .failed(PushFailure(.retryable(after: wait), "the push service at \(origin) answered \(answer)"))
        case 400, 401, 403:
            return .failed(
                PushFailure(
                    .rejected,
                    "configuration error: the push service at \(origin) refused the VAPID request with \(answer)"))
        default:
            return .failed(PushFailure(.rejected, "the push service at \(origin) refused the push with \(answer)"))
        }
    }
}

/// The JSON a browser receives.
private struct NotificationPayload: Encodable {
    let notificationId: String
    let scheduleId: String
    let title: String
    let startTime: Int64
}

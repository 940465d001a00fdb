import Foundation
import HTTPSClient
import NotificationService

/// Delivers pushes to phones through Firebase Cloud Messaging's HTTP v1 API
/// (`POST {api}/v1/projects/{project}/messages:send`), one request per
/// ``PushDevice/fcm(token:)`` device, with a `notification` (the title) and `data` (schedule
/// id, start time, notification id); other devices are not this sender's.
///
/// Errors are read from the JSON error's `details[].errorCode` (``FCMAnswer``).
public struct FCMSender: PushSender {
    /// FCM's API base URL.
    public static let defaultAPI = URL(string: "https://fcm.googleapis.com")!

    private let sendURL: URL
    private let tokens: AccessTokenSource
    private let client: HTTPSClient
    private let fanOut = DeviceFanOut()

    /// Creates a sender for `key`'s project.
    ///
    /// - Parameter api: the API base URL (tests point it at an emulator).
    public init(key: ServiceAccountKey, client: HTTPSClient, api: URL = FCMSender.defaultAPI) {
        sendURL = api.appendingPathComponent("v1/projects/\(key.projectID)/messages:send")
        tokens = AccessTokenSource(key: key, client: client)
        self.client = client
    }

    /// Sends `push` to each of its FCM tokens once (one that accepted it before, under the
    /// same key, is skipped).
    ///
    /// - Throws: ``PushFailure`` combined over the tokens (``PushAnswers/combine(_:)``).
    public func send(_ push: Push) async throws -> PushReceipt {
        try await fanOut.send(push.filter { $0.kind == .fcm }) { device in
            await deliver(push, to: device.key)
        }
    }

    private func deliver(_ push: Push, to token: String) async -> DeviceDelivery {
        let accessToken: String
        do {
            accessToken = try await tokens.token()
        } catch {
            return .failed(error)
        }
        let message: [String: Any] = [
            "message": [
                "token": token,
                "notification": ["title": push.title],
                "data": [
                    "notificationId": push.idempotencyKey, "scheduleId": push.scheduleID,
                    "startTime": "\(push.startTime)",
                ],
            ]
        ]
        let response: HTTPResponse
        do {
            let body = try JSONSerialization.data(withJSONObject: message, options: .sortedKeys)
            response = try await client.post(
                sendURL, headers: [("Content-Type", "application/json"), ("Authorization", "Bearer \(accessToken)")],
                body: body)
        } catch {
            return .failed(PushFailure(.retryable(after: nil), "\(error)"))
        }
        let answer = FCMAnswer(response)
        if answer.refusedCredentials { await tokens.invalidate() }
        return answer.delivery
    }
}

import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PinitProtos

/// A push provider reached over HTTP: each push is POSTed as JSON (keys sorted, so the same
/// push is always the same bytes) with its key in an `Idempotency-Key` header, one attempt per
/// ``send(_:)``; the scheduler retries.
///
/// A 2xx answer accepts the push; its body may be a ``PushReceipt`` in JSON listing tokens
/// that are no longer registered. 408, 409, 425, 429 and 5xx answers, timeouts and network
/// failures are retryable (with the answer's `Retry-After`, in seconds or as an HTTP date);
/// other answers are final refusals.
public struct WebhookPushSender: PushSender {
    /// Where pushes are POSTed.
    public let url: URL
    /// How long one attempt may take before it counts as a retryable timeout.
    public let attemptTimeout: Duration

    /// Creates a sender posting to `url`.
    public init(url: URL, attemptTimeout: Duration = .seconds(10)) {
        self.url = url
        self.attemptTimeout = attemptTimeout
    }

    /// POSTs `push` once.
    ///
    /// - Throws: ``PushFailure``: retryable for a timeout, a network failure or a retryable
    ///   status (with `Retry-After` when given), rejected for other non-2xx answers.
    public func send(_ push: Push) async throws -> PushReceipt {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.timeoutInterval =
            Double(attemptTimeout.components.seconds) + Double(attemptTimeout.components.attoseconds) / 1e18
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(push.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        request.httpBody = try encoder.encode(push)
        let body: Data, response: URLResponse
        do {
            (body, response) = try await URLSession.shared.data(for: request)
        } catch {
            throw PushFailure(.retryable(after: nil), "POST \(url) failed: \(error.localizedDescription)")
        }
        let http = response as? HTTPURLResponse
        let status = http?.statusCode ?? 0
        switch status {
        case 200..<300:
            return body.isEmpty
                ? PushReceipt() : (try? JSONDecoder().decode(PushReceipt.self, from: body)) ?? PushReceipt()
        case 408, 409, 425, 429, 500..<600:
            let retryAfter = (http?.value(forHTTPHeaderField: "Retry-After")).flatMap {
                RetryAfter.parse($0, now: Date())
            }
            throw PushFailure(.retryable(after: retryAfter), "\(url) answered HTTP \(status)")
        default:
            throw PushFailure(.rejected, "\(url) refused the push with HTTP \(status)")
        }
    }
}

/// The `Retry-After` header (RFC 9110 §10.2.3): a number of seconds or an HTTP date.
public enum RetryAfter {
    /// The wait the header asks for, at least zero; `nil` when it is neither form.
    public static func parse(_ value: String, now: Date) -> Duration? {
        let text = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Int(text), seconds >= 0 { return .seconds(seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: text) else { return nil }
        return .milliseconds(max(0, Int64(date.timeIntervalSince(now) * 1000)))
    }
}

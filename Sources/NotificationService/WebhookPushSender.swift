import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import PinitProtos

/// A push provider reached over HTTP: each push is POSTed as JSON with its key in an
/// `Idempotency-Key` header.
///
/// A 2xx answer accepts the push; its body may be a ``PushReceipt`` in JSON listing tokens
/// that are no longer registered. 5xx answers and network failures are retried with
/// ``backoff`` up to ``maxAttempts`` times; other answers fail at once.
public struct WebhookPushSender: PushSender {
    /// Where pushes are POSTed.
    public let url: URL
    /// How many times one push is tried before ``send(_:)`` gives up.
    public let maxAttempts: Int
    /// The waits between attempts.
    public let backoff: RetryBackoff

    /// A push the provider refused or that kept failing.
    public struct Failure: Error, CustomStringConvertible {
        /// The HTTP status of the last answer, or `nil` when none came.
        public var statusCode: Int?
        /// What went wrong, for a person.
        public var description: String
    }

    /// Creates a sender posting to `url`.
    public init(url: URL, maxAttempts: Int = 5, backoff: RetryBackoff = RetryBackoff(maximum: .seconds(2))) {
        self.url = url
        self.maxAttempts = max(1, maxAttempts)
        self.backoff = backoff
    }

    /// POSTs `push`, retrying transient failures.
    ///
    /// - Throws: ``Failure`` for a 4xx answer, or after ``maxAttempts`` failed attempts.
    public func send(_ push: Push) async throws -> PushReceipt {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue(push.idempotencyKey, forHTTPHeaderField: "Idempotency-Key")
        request.httpBody = try JSONEncoder().encode(push)
        var lastFailure = Failure(statusCode: nil, description: "not attempted")
        for attempt in 0..<maxAttempts {
            if attempt > 0 { try await Task.sleep(for: backoff.delay(attempt: attempt - 1)) }
            do {
                let (body, response) = try await URLSession.shared.data(for: request)
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                switch status {
                case 200..<300:
                    return body.isEmpty ? PushReceipt() : (try? JSONDecoder().decode(PushReceipt.self, from: body)) ?? PushReceipt()
                case 500..<600:
                    lastFailure = Failure(statusCode: status, description: "\(url) answered HTTP \(status)")
                default:
                    throw Failure(statusCode: status, description: "\(url) refused the push with HTTP \(status)")
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                lastFailure = Failure(statusCode: nil, description: "POST \(url) failed: \(error)")
            }
        }
        throw Failure(statusCode: lastFailure.statusCode, description: "\(lastFailure.description) (after \(maxAttempts) attempts)")
    }
}

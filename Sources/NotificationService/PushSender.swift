/// One push notification as handed to a push provider.
public struct Push: Sendable, Hashable, Codable {
    /// The notification's stable id: the provider drops a second push with the same key.
    public var idempotencyKey: String
    /// The schedule it reminds of.
    public var scheduleID: String
    /// The user notified.
    public var ownerID: String
    /// The user's device tokens.
    public var deviceTokens: [String]
    /// The schedule's title.
    public var title: String
    /// The start time, milliseconds since the epoch.
    public var startTime: Int64

    /// Creates a push.
    public init(idempotencyKey: String, scheduleID: String, ownerID: String, deviceTokens: [String], title: String, startTime: Int64) {
        self.idempotencyKey = idempotencyKey
        self.scheduleID = scheduleID
        self.ownerID = ownerID
        self.deviceTokens = deviceTokens
        self.title = title
        self.startTime = startTime
    }
}

/// What the provider said about a push it accepted.
public struct PushReceipt: Sendable, Hashable, Codable {
    /// Tokens the provider reports as no longer registered; the service removes them.
    public var unregisteredTokens: [String]

    /// Creates a receipt.
    public init(unregisteredTokens: [String] = []) {
        self.unregisteredTokens = unregisteredTokens
    }
}

/// A push the provider did not accept, and whether trying again can help.
public struct PushFailure: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whether to try again.
    public enum Kind: Sendable, Hashable {
        /// A temporary failure (timeout, 408, 409, 429, 5xx, no connection): try again, not
        /// before `after` when the provider said so (`Retry-After`).
        case retryable(after: Duration?)
        /// A final refusal (another 4xx): trying again sends the same bytes and fails the same way.
        case rejected
    }

    /// Whether to try again.
    public var kind: Kind
    /// What the provider answered, for a person.
    public var description: String

    /// Creates a failure.
    public init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}

/// Hands pushes to a provider, one attempt per call. A push whose key the provider has seen is
/// accepted again without a second delivery (that is what the idempotency key is for), so a
/// push may be sent again after any failure.
public protocol PushSender: Sendable {
    /// Makes one attempt to deliver `push`. The caller bounds the attempt's time by cancelling
    /// the calling task.
    ///
    /// - Throws: ``PushFailure`` saying whether to try again; any other error (a file or
    ///   network failure, cancellation) counts as retryable.
    func send(_ push: Push) async throws -> PushReceipt
}

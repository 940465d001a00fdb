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

/// Hands pushes to a provider. A push whose key the provider has seen is accepted again
/// without a second delivery (that is what the idempotency key is for).
public protocol PushSender: Sendable {
    /// Delivers `push`.
    ///
    /// - Throws: when the provider could not be reached or refused the push; the job is then
    ///   retried once its lease expires.
    func send(_ push: Push) async throws -> PushReceipt
}

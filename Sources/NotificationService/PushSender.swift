/// One push notification as handed to a push provider.
public struct Push: Sendable, Hashable, Codable {
    /// The notification's stable id: the provider drops a second push with the same key.
    public var idempotencyKey: String
    /// The schedule it reminds of.
    public var scheduleID: String
    /// The user notified.
    public var ownerID: String
    /// The user's devices.
    public var devices: [PushDevice]
    /// The schedule's title.
    public var title: String
    /// The start time, milliseconds since the epoch.
    public var startTime: Int64

    /// The devices' keys (tokens, Web Push endpoints), as generic providers take them.
    public var deviceTokens: [String] { devices.map(\.key) }

    /// Creates a push to `devices`.
    public init(
        idempotencyKey: String, scheduleID: String, ownerID: String, devices: [PushDevice], title: String,
        startTime: Int64
    ) {
        self.idempotencyKey = idempotencyKey
        self.scheduleID = scheduleID
        self.ownerID = ownerID
        self.devices = devices
        self.title = title
        self.startTime = startTime
    }

    /// Creates a push to generic provider tokens.
    public init(
        idempotencyKey: String, scheduleID: String, ownerID: String, deviceTokens: [String], title: String,
        startTime: Int64
    ) {
        self.init(
            idempotencyKey: idempotencyKey, scheduleID: scheduleID, ownerID: ownerID,
            devices: deviceTokens.map(PushDevice.token),
            title: title, startTime: startTime)
    }

    /// This push to the devices for which `include` is true.
    public func filter(_ include: (PushDevice) -> Bool) -> Push {
        var part = self
        part.devices = devices.filter(include)
        return part
    }

    private enum CodingKeys: String, CodingKey {
        case idempotencyKey, scheduleID, ownerID, deviceTokens, devices, title, startTime
    }

    /// Reads a push; one written before devices had kinds (only `deviceTokens`) has token devices.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        idempotencyKey = try container.decode(String.self, forKey: .idempotencyKey)
        scheduleID = try container.decode(String.self, forKey: .scheduleID)
        ownerID = try container.decode(String.self, forKey: .ownerID)
        title = try container.decode(String.self, forKey: .title)
        startTime = try container.decode(Int64.self, forKey: .startTime)
        devices =
            try container.decodeIfPresent([PushDevice].self, forKey: .devices)
            ?? container.decode([String].self, forKey: .deviceTokens).map(PushDevice.token)
    }

    /// Writes the push with both `devices` and, for generic providers, `deviceTokens`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(idempotencyKey, forKey: .idempotencyKey)
        try container.encode(scheduleID, forKey: .scheduleID)
        try container.encode(ownerID, forKey: .ownerID)
        try container.encode(deviceTokens, forKey: .deviceTokens)
        try container.encode(devices, forKey: .devices)
        try container.encode(title, forKey: .title)
        try container.encode(startTime, forKey: .startTime)
    }
}

/// What the provider said about a push it accepted.
public struct PushReceipt: Sendable, Hashable, Codable {
    /// Device keys the provider reports as no longer registered; the service removes them.
    public var unregisteredTokens: [String]
    /// Why each of those was refused (such as "HTTP 410 Gone"), when the provider said.
    public var reasons: [String: String]

    /// Creates a receipt.
    public init(unregisteredTokens: [String] = [], reasons: [String: String] = [:]) {
        self.unregisteredTokens = unregisteredTokens
        self.reasons = reasons
    }

    /// Reads a receipt; `reasons` may be missing.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        unregisteredTokens = try container.decodeIfPresent([String].self, forKey: .unregisteredTokens) ?? []
        reasons = try container.decodeIfPresent([String: String].self, forKey: .reasons) ?? [:]
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

import PinitProtos

/// What applying one event did.
public enum EventApplication: Sendable, Hashable {
    /// The event changed the stored state.
    case applied
    /// An event with this id was applied before; nothing changed.
    case duplicate
    /// The schedule is already at this version or a newer one; nothing changed.
    case stale
}

/// A notification due at a schedule's start time, claimed by one worker under a lease.
public struct NotificationJob: Sendable, Hashable {
    /// Stable id of the notification (schedule id and start time); the push's idempotency key.
    public var notificationID: String
    /// The schedule it reminds of.
    public var scheduleID: String
    /// The user to notify.
    public var ownerID: String
    /// The schedule's title.
    public var title: String
    /// The start time, milliseconds since the epoch.
    public var dueAt: Int64
}

/// Where the notification service keeps applied events, schedule states, jobs, devices and
/// the notifications it decided. SQLite (``SQLiteNotificationStore``) implements it.
public protocol NotificationStore: Sendable {
    /// Applies `event` idempotently in one transaction: records its id, updates the
    /// schedule if the event's version is newer, and creates, moves or retires its job.
    func apply(_ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64) async throws -> EventApplication

    /// Leases up to `limit` due jobs whose schedule is still NOT_STARTED and whose lease is
    /// free or expired, to `worker` until `now + lease`.
    func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws -> [NotificationJob]

    /// Whether `job` is still pending, leased by `worker`, and its schedule still NOT_STARTED
    /// at the job's start time: checked just before sending.
    func isStillDue(_ job: NotificationJob, worker: String, now: Int64) async throws -> Bool

    /// Records the job's outcome and retires it, if `worker` still holds its lease.
    ///
    /// - Returns: false when the lease was lost (another worker may own the job now).
    func finish(
        _ job: NotificationJob, worker: String, outcome: Pinit_V1_NotificationOutcome, reason: String, at milliseconds: Int64
    ) async throws -> Bool

    /// Adds a device token for `ownerID` (moving it if another user had it).
    func registerDevice(token: String, ownerID: String, at milliseconds: Int64) async throws

    /// Removes a device token; returns whether it existed.
    func unregisterDevice(token: String) async throws -> Bool

    /// A user's device tokens.
    func deviceTokens(ownerID: String) async throws -> [String]

    /// A user's notifications, oldest first; every user's when `ownerID` is `nil`.
    func notifications(ownerID: String?) async throws -> [Pinit_V1_Notification]

    /// Ids of every event ever received, with when and whether it was applied (for audits).
    func receivedEvents() async throws -> [ReceivedEvent]

    /// Closes the store; later calls fail.
    func close() async throws
}

/// One event as the notification service recorded it.
public struct ReceivedEvent: Sendable, Hashable {
    /// The event's id.
    public var eventID: String
    /// Its schedule.
    public var scheduleID: String
    /// Its version.
    public var version: Int64
    /// Whether it changed the state (false: stale).
    public var applied: Bool
    /// When it was received, milliseconds since the epoch.
    public var receivedAt: Int64
}

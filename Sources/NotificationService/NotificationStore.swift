import Foundation
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

/// Where the notification service keeps applied events, schedule states, jobs, devices and
/// the notifications it decided. SQLite (``SQLiteNotificationStore``) implements it.
public protocol NotificationStore: Sendable {
    /// Applies `event` idempotently in one transaction: records its id, updates the
    /// schedule if the event's version is newer, and creates, moves or retires its job.
    func apply(_ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64) async throws -> EventApplication

    /// Leases up to `limit` jobs that are due at `now` (milliseconds since the epoch), whose
    /// next try has come, whose schedule is still NOT_STARTED as far as this store knows, and
    /// whose lease is free or expired on the store's lease clock (``LeaseClock``), to `worker`
    /// for `leaseMilliseconds`. Each claim gets a new ``NotificationJob/leaseToken``.
    func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws -> [NotificationJob]

    /// Extends the claim's lease to `leaseMilliseconds` from now, if the claim still holds it
    /// unexpired; called before every delivery attempt so that the attempt fits in the lease.
    ///
    /// - Returns: false when the lease expired or another claim replaced it.
    func renewLease(_ job: NotificationJob, leaseMilliseconds: Int64) async throws -> Bool

    /// Stores `push` as the job's push unless one is stored already.
    ///
    /// - Returns: the stored push (the earlier one if there was one), or `nil` when the claim
    ///   lost its lease.
    func storePush(_ push: Data, for job: NotificationJob) async throws -> Data?

    /// Releases the claim and sets when the job is tried again.
    ///
    /// - Returns: false when the claim had lost its lease (nothing changed).
    func postpone(_ job: NotificationJob, _ postponement: JobPostponement) async throws -> Bool

    /// The task service reports the schedule NOT_STARTED at another start time than the job's:
    /// makes the job the new start time's notification (due then, at `version`) and releases
    /// the claim, as the move's event will when it arrives.
    ///
    /// - Returns: false when the claim had lost its lease.
    func move(_ job: NotificationJob, toStart start: Int64, version: Int64) async throws -> Bool

    /// Records the job's outcome, if the claim still holds its lease unexpired, and retires the
    /// job unless an event made it another notification meanwhile. The outcome is recorded
    /// even when the schedule was started or moved while the push was out (the push went).
    ///
    /// - Returns: false when the lease expired or another claim replaced it (nothing recorded).
    func finish(
        _ job: NotificationJob, outcome: Pinit_V1_NotificationOutcome, reason: String, at milliseconds: Int64
    ) async throws -> Bool

    /// Releases every lease held by `worker` (a restarted worker's predecessor's).
    ///
    /// - Returns: how many leases were released.
    func releaseLeases(worker: String) async throws -> Int

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

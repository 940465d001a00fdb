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
    /// The event can never be applied (see the reasons ``NotificationStore/apply(_:at:)``
    /// lists): it was recorded as set aside and nothing else changed. A replay of it is a
    /// ``duplicate``.
    case setAside(reason: String)
}

/// Where the notification service keeps applied events, schedule states, jobs, devices and
/// the notifications it decided. SQLite (``SQLiteNotificationStore``, one process) and
/// PostgreSQL (``PostgresNotificationStore``, any number of replicas) implement it.
public protocol NotificationStore: Sendable {
    /// Applies `events` in order, idempotently, in one transaction (one commit for the whole
    /// burst). Each event sees the ones before it and is applied as if alone: its id is
    /// recorded, the schedule updated if the event's version is newer, and its job created,
    /// moved or retired.
    ///
    /// An event that can never be applied is set aside instead of failing the burst: one that
    /// breaks the event contract (an id, schedule or owner missing, a version below 1, a state or
    /// kind the schema does not name, a start time missing or out of range) or whose values the
    /// database refuses (a constraint). Any other failure (busy, I/O, full disk) throws, and
    /// nothing of the burst is committed.
    ///
    /// - Returns: what happened to each event, in order.
    func apply(_ events: [Pinit_V1_ScheduleEvent], at milliseconds: Int64) async throws -> [EventApplication]

    /// Leases up to `limit` jobs that are due at `now` (milliseconds since the epoch), whose
    /// next try has come, whose schedule is still NOT_STARTED as far as this store knows, and
    /// whose lease is free or expired on the store's lease clock (``LeaseClock`` for SQLite, the
    /// database server's clock for PostgreSQL), to `worker` for `leaseMilliseconds`. Each claim
    /// gets a new ``NotificationJob/leaseToken``.
    func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws
        -> [NotificationJob]

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

    /// Adds a device for `ownerID`, keyed by ``PushDevice/key`` (moving it if another user had
    /// it, replacing what was stored under the key: a browser's renewed subscription keys).
    func registerDevice(_ device: PushDevice, ownerID: String, at milliseconds: Int64) async throws

    /// Removes a device by its key (a token, a Web Push endpoint); returns whether it existed.
    func unregisterDevice(token: String) async throws -> Bool

    /// A user's devices, in key order.
    func devices(ownerID: String) async throws -> [PushDevice]

    /// A user's notifications, oldest first; every user's when `ownerID` is `nil`.
    func notifications(ownerID: String?) async throws -> [Pinit_V1_Notification]

    /// Ids of the events received and not yet pruned, with when and whether each was applied
    /// (for audits).
    func receivedEvents() async throws -> [ReceivedEvent]

    /// Events set aside as impossible to apply, oldest first (for audits).
    func setAsideEvents() async throws -> [SetAsideEvent]

    /// Deletes up to `limit` rows past the retention, in one transaction: received event ids
    /// older than `cutoff` (milliseconds since the epoch) whose schedule is at a newer version,
    /// notifications decided before `cutoff`, and events set aside before it. Schedules are
    /// never deleted (their versions are what makes forgetting event ids safe); retired jobs (no
    /// longer pending, no lease) due before `cutoff` go too: a replayed event that would
    /// re-arm one is older than its schedule's version and rejected as stale.
    ///
    /// Forgetting event id E (schedule S, version v) is safe once S is stored at a version
    /// above v: E's id only guards against E being applied twice, and a replay of E (the relay
    /// resends what it has not retired; an ack lost in a crash) is then rejected by the
    /// per-schedule version check as stale, which changes nothing and is acknowledged like a
    /// duplicate. Versions only grow and schedules are never deleted, so that check holds
    /// forever. The id of a schedule's latest event is kept (one row per schedule), so even a
    /// replay of the newest event is still recognised as a duplicate.
    ///
    /// - Returns: how many rows were deleted; fewer than `limit` means none is left.
    func prune(before cutoff: Int64, limit: Int) async throws -> Int

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

extension NotificationStore {
    /// Adds a generic provider's device token for `ownerID`.
    public func registerDevice(token: String, ownerID: String, at milliseconds: Int64) async throws {
        try await registerDevice(.token(token), ownerID: ownerID, at: milliseconds)
    }

    /// The keys of a user's devices, in order.
    public func deviceTokens(ownerID: String) async throws -> [String] {
        try await devices(ownerID: ownerID).map(\.key)
    }

    /// Applies one event in its own transaction, as a burst of one.
    public func apply(_ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64) async throws -> EventApplication {
        try await apply([event], at: milliseconds)[0]
    }
}

/// An event the notification service could never apply and acknowledged without applying.
public struct SetAsideEvent: Sendable, Hashable {
    /// The event's id.
    public var eventID: String
    /// Its schedule (possibly empty: a missing schedule id is one reason to set an event aside).
    public var scheduleID: String
    /// Its version.
    public var version: Int64
    /// Why it cannot be applied.
    public var reason: String
    /// When it was set aside, milliseconds since the epoch.
    public var setAsideAt: Int64
}

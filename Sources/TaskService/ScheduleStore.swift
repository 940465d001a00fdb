import PinitProtos

/// An outbox entry: an event waiting to reach the notification service, in commit order.
public struct OutboxEntry: Sendable, Hashable {
    /// Position in the outbox; increases with every committed event, so it orders each
    /// schedule's events by version.
    public var sequence: Int64
    /// The event.
    public var event: Pinit_V1_ScheduleEvent
    /// When the notification service acknowledged it (milliseconds since the epoch); `nil`
    /// while it still has to be sent.
    public var acknowledgedAt: Int64?
}

/// A schedule created under a client's request id, with what that request asked for.
public struct CreateRequestRecord: Sendable, Hashable {
    /// The schedule created, as it is now.
    public var schedule: Pinit_V1_Schedule
    /// The title the request asked for.
    public var title: String
    /// The start time the request asked for, milliseconds since the epoch.
    public var startMilliseconds: Int64
}

/// Where the task service keeps schedules and its transactional outbox.
///
/// Every change writes the schedule and its event in one transaction, so an event exists if
/// and only if its change was committed. ``SQLiteScheduleStore`` keeps one process's state in
/// a file; ``PostgresScheduleStore`` lets several replicas share one database.
///
/// Relays take the outbox in claims: ``claimEvents(limit:claimant:lease:)`` hands each
/// unacknowledged event to one claimant at a time, for a lease, so that several relays (one
/// per replica) share the outbox without sending the same event twice, and the events of a
/// relay that died are taken over when its lease ends. Each relay sends its claims in outbox
/// order; a schedule's events claimed by two relays may arrive out of order, and the
/// notification service then discards the older version as stale.
public protocol ScheduleStore: Sendable {
    /// Stores a new schedule and its creation event, and the client's request id when given,
    /// unless the schedule's owner used that request id before.
    ///
    /// - Returns: `nil` when stored; the earlier creation under the request id otherwise
    ///   (nothing is written then).
    func insert(_ change: ScheduleChange, requestID: String?) async throws -> CreateRequestRecord?

    /// The schedule `ownerID` created with request id `id`, if the id is remembered.
    func createRequest(id: String, ownerID: String) async throws -> CreateRequestRecord?

    /// Deletes up to `limit` rows past the retention, in one transaction: outbox events
    /// acknowledged before `cutoff` (milliseconds since the epoch; unacknowledged events are never
    /// deleted) and request ids recorded before it.
    ///
    /// - Returns: how many rows were deleted; fewer than `limit` means none is left.
    func prune(before cutoff: Int64, limit: Int) async throws -> Int

    /// Reads the schedule `id`, lets `transition` compute the change, and stores the
    /// schedule and its event in the same transaction.
    ///
    /// - Returns: the stored schedule, or `nil` when no schedule has that id.
    /// - Throws: what `transition` throws (nothing is written then), or a storage error.
    func update(
        scheduleID: String, _ transition: @Sendable (Pinit_V1_Schedule) throws -> ScheduleChange
    ) async throws -> Pinit_V1_Schedule?

    /// The schedule `id`, or `nil`.
    func schedule(id: String) async throws -> Pinit_V1_Schedule?

    /// A user's schedules, earliest start first.
    func schedules(ownerID: String) async throws -> [Pinit_V1_Schedule]

    /// Unacknowledged events with a sequence above `sequence`, oldest first, at most `limit`.
    func unacknowledgedEvents(after sequence: Int64, limit: Int) async throws -> [OutboxEntry]

    /// Claims for `claimant`, until `lease` from now (the store's clock), up to `limit`
    /// unacknowledged events that no live claim holds (never claimed, released, or whose lease
    /// ended), and returns them oldest first.
    ///
    /// Concurrent claims never return the same event while its lease lasts.
    func claimEvents(limit: Int, claimant: String, lease: Duration) async throws -> [OutboxEntry]

    /// Gives back `claimant`'s claims on unacknowledged events, so that the next claim of any
    /// claimant takes them at once (a relay whose stream ended releases what it had not got
    /// acknowledged).
    func releaseClaims(claimant: String) async throws

    /// Signalled whenever an event is committed (by any replica sharing the store); relays wait
    /// on it between claims and poll only as a fallback.
    var outboxSignal: OutboxSignal { get }

    /// Marks the events acknowledged (retired) in one transaction; they are never sent again.
    /// Unknown ids are ignored.
    func acknowledge(eventIDs: [String], at milliseconds: Int64) async throws

    /// Every event ever committed, acknowledged or not, in outbox order (for audits and the demo).
    func allEvents() async throws -> [OutboxEntry]

    /// Closes the store; later calls fail.
    func close() async throws
}

extension ScheduleStore {
    /// Stores a new schedule and its creation event (no request id).
    public func insert(_ change: ScheduleChange) async throws {
        _ = try await insert(change, requestID: nil)
    }
}

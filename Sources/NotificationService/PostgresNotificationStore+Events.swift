import Foundation
import PinitProtos
import PostgresClient
import ProtoCodec

extension PostgresNotificationStore {
    /// Applies the events in order in one transaction (one commit per burst, see
    /// ``NotificationStore/apply(_:at:)``).
    ///
    /// A statement PostgreSQL refuses aborts the whole transaction, so an event cannot be
    /// skipped in place as SQLite's savepoints allow. When an event's values are refused
    /// (``ScheduleEventCheck/isCausedByValues(_:)-(PostgresError)``) the transaction rolls back
    /// and the burst runs again with that event set aside; each run sets aside one more event or
    /// commits, so this ends. Text PostgreSQL cannot hold is checked before writing. Any other
    /// failure is thrown and nothing of the burst is committed.
    ///
    /// The burst's schedules are locked first, in one order (``lockSchedules(of:in:)``), so
    /// replicas applying bursts that share schedules wait for each other and never deadlock.
    public func apply(_ events: [Pinit_V1_ScheduleEvent], at milliseconds: Int64) async throws -> [EventApplication] {
        var refused: [Int: String] = [:]
        while true {
            do {
                return try await withConnection { connection in
                    try await connection.transaction { transaction in
                        try await Self.lockSchedules(of: events, in: transaction)
                        var results: [EventApplication] = []
                        for (index, event) in events.enumerated() {
                            results.append(
                                try await Self.applyOrSetAside(
                                    event, refusal: refused[index], at: milliseconds, in: transaction, index: index))
                        }
                        return results
                    }
                }
            } catch let refusal as RefusedEvent {
                refused[refusal.index] = refusal.reason
            }
        }
    }

    /// Takes a transaction-scoped advisory lock on each schedule the burst may write, in sorted
    /// order, before anything is written. Without it two bursts sharing schedules would lock
    /// their rows in event order, and opposite orders deadlock (one burst fails with 40P01).
    nonisolated(nonsending) private static func lockSchedules(
        of events: [Pinit_V1_ScheduleEvent], in transaction: PostgresTransaction
    ) async throws {
        let writable = events.filter {
            ScheduleEventCheck.problem(in: $0) == nil && ScheduleEventCheck.textPostgreSQLCannotHold(in: $0) == nil
        }
        let ids = Set(writable.map(\.scheduleId)).sorted()
        guard !ids.isEmpty else { return }
        let arrayLiteral =
            "{"
            + ids.map { id in
                "\"" + id.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                    + "\""
            }.joined(separator: ",") + "}"
        // unnest yields the elements in array order, so the locks are taken in sorted order.
        try await transaction.query(
            PostgresStatement(
                """
                SELECT pg_advisory_xact_lock(hashtextextended('notification_service.schedules:' || id, 0))
                FROM unnest($1::text[]) AS id
                """), [.text(arrayLiteral)])
    }

    /// The event at `index` of a burst, whose values PostgreSQL refused with `reason`.
    private struct RefusedEvent: Error {
        let index: Int
        let reason: String
    }

    /// Applies `event`, or sets it aside when it breaks the event contract, holds text
    /// PostgreSQL cannot store, or an earlier run of the burst found its values refused.
    nonisolated(nonsending) private static func applyOrSetAside(
        _ event: Pinit_V1_ScheduleEvent, refusal: String?, at milliseconds: Int64, in transaction: PostgresTransaction,
        index: Int
    ) async throws -> EventApplication {
        let unstorable = ScheduleEventCheck.textPostgreSQLCannotHold(in: event).map {
            "PostgreSQL refused its values: \($0)"
        }
        if let reason = ScheduleEventCheck.problem(in: event) ?? unstorable ?? refusal {
            return try await setAside(event, reason: reason, at: milliseconds, in: transaction)
        }
        do {
            return try await apply(event, at: milliseconds, in: transaction)
        } catch let error as PostgresError where ScheduleEventCheck.isCausedByValues(error) {
            throw RefusedEvent(index: index, reason: "PostgreSQL refused its values: \(error)")
        }
    }

    /// Records the event's id (unless it was received or set aside before: a duplicate), then
    /// upserts its schedule if the event's version is newer than the stored one, which the
    /// upsert's `WHERE` checks against the newest committed row, and makes the job match.
    nonisolated(nonsending) private static func apply(
        _ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64, in transaction: PostgresTransaction
    ) async throws -> EventApplication {
        let received = try await transaction.query(
            PostgresStatement(
                """
                INSERT INTO notification_service.received_events (event_id, schedule_id, version, applied, received_ms)
                SELECT $1::text, $2::text, $3::int8, false, $4::int8
                WHERE NOT EXISTS (SELECT 1 FROM notification_service.set_aside_events WHERE event_id = $1)
                ON CONFLICT (event_id) DO NOTHING
                """), [.text(event.eventId), .text(event.scheduleId), .int(event.version), .int(milliseconds)])
        guard received.affectedRows == 1 else { return .duplicate }
        let start = event.startTime?.milliseconds ?? 0
        let applied = try await transaction.query(
            PostgresStatement(
                """
                WITH upserted AS (
                    INSERT INTO notification_service.schedules AS stored (id, owner_id, title, start_ms, state, version)
                    VALUES ($2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title,
                        start_ms = excluded.start_ms, state = excluded.state, version = excluded.version
                        WHERE stored.version < excluded.version
                    RETURNING id)
                UPDATE notification_service.received_events SET applied = true FROM upserted WHERE event_id = $1
                """),
            [
                .text(event.eventId), .text(event.scheduleId), .text(event.ownerId), .text(event.title), .int(start),
                .int(Int64(event.state.rawValue)), .int(event.version),
            ])
        guard applied.affectedRows == 1 else { return .stale }
        try await updateJob(for: event, start: start, in: transaction)
        return .applied
    }

    /// Records the event as set aside with `reason`, unless it was set aside before (then it
    /// is a duplicate).
    nonisolated(nonsending) private static func setAside(
        _ event: Pinit_V1_ScheduleEvent, reason: String, at milliseconds: Int64, in transaction: PostgresTransaction
    ) async throws -> EventApplication {
        let inserted = try await transaction.query(
            PostgresStatement(
                """
                INSERT INTO notification_service.set_aside_events (event_id, schedule_id, version, reason, payload, set_aside_ms)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING
                """),
            [
                .text(event.eventId), .text(event.scheduleId), .int(event.version), .text(reason),
                .bytes(Data(event.serializedBytes())), .int(milliseconds),
            ])
        return inserted.affectedRows == 1 ? .setAside(reason: reason) : .duplicate
    }

    /// Makes the schedule's job match an applied event: due at the start time while
    /// NOT_STARTED (a new start time is a new notification, with fresh attempts), retired
    /// otherwise. A claim in progress keeps its lease, so its outcome is still recorded.
    nonisolated(nonsending) private static func updateJob(
        for event: Pinit_V1_ScheduleEvent, start: Int64, in transaction: PostgresTransaction
    ) async throws {
        guard event.state == .notStarted else {
            try await transaction.query(
                PostgresStatement("UPDATE notification_service.jobs SET pending = false WHERE schedule_id = $1"),
                [.text(event.scheduleId)])
            return
        }
        let notificationID = NotificationJob.notificationID(scheduleID: event.scheduleId, start: start)
        try await upsertJob(
            scheduleID: event.scheduleId, notificationID: notificationID, start: start, version: event.version,
            in: transaction)
    }

    /// Makes `notificationID` (due at `start`) the schedule's job, pending unless it was decided
    /// already; an unchanged pending job keeps its attempts and stored push.
    nonisolated(nonsending) static func upsertJob(
        scheduleID: String, notificationID: String, start: Int64, version: Int64, in transaction: PostgresTransaction
    ) async throws {
        try await transaction.query(
            PostgresStatement(
                """
                INSERT INTO notification_service.jobs AS job (schedule_id, notification_id, due_ms, pending, version)
                VALUES ($1, $2, $3, NOT EXISTS (
                    SELECT 1 FROM notification_service.notifications WHERE notification_id = $2), $4)
                ON CONFLICT (schedule_id) DO UPDATE SET notification_id = excluded.notification_id, due_ms = excluded.due_ms,
                    pending = excluded.pending, version = excluded.version, send_attempts = 0, confirm_failures = 0,
                    next_attempt_ms = 0, push_body = NULL, last_error = NULL
                    WHERE job.notification_id <> excluded.notification_id OR job.pending <> excluded.pending
                """), [.text(scheduleID), .text(notificationID), .int(start), .int(version)])
    }
}

import Foundation
import GRDB
import PinitProtos

extension SQLiteNotificationStore {
    /// Applies `event` in a savepoint, or sets it aside when it can never be applied (see
    /// ``ScheduleEventCheck``): then only its `set_aside_events` row is written. An event set
    /// aside before is a duplicate. Errors not caused by the event are thrown (the caller's
    /// transaction rolls back and the stream fails).
    static func applyOrSetAside(_ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64, in db: Database) throws
        -> EventApplication
    {
        let setAsideBefore = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM set_aside_events WHERE event_id = ?", arguments: [event.eventId])
        if setAsideBefore == true { return .duplicate }
        if let problem = ScheduleEventCheck.problem(in: event) {
            return try setAside(event, reason: problem, at: milliseconds, in: db)
        }
        var result = EventApplication.duplicate
        do {
            try db.inSavepoint {
                result = try apply(event, at: milliseconds, in: db)
                return .commit
            }
        } catch let error as DatabaseError where ScheduleEventCheck.isCausedByValues(error) {
            return try setAside(event, reason: "SQLite refused its values: \(error)", at: milliseconds, in: db)
        }
        return result
    }

    private static func setAside(
        _ event: Pinit_V1_ScheduleEvent, reason: String, at milliseconds: Int64, in db: Database
    ) throws -> EventApplication {
        try db.execute(
            sql: """
                INSERT INTO set_aside_events (event_id, schedule_id, version, reason, payload, set_aside_ms)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                event.eventId, event.scheduleId, event.version, reason, Data(event.serializedBytes()), milliseconds,
            ])
        return .setAside(reason: reason)
    }

    /// Reads every event set aside, oldest first.
    public func setAsideEvents() async throws -> [SetAsideEvent] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM set_aside_events ORDER BY set_aside_ms, rowid").map { row in
                SetAsideEvent(
                    eventID: row["event_id"], scheduleID: row["schedule_id"], version: row["version"],
                    reason: row["reason"], setAsideAt: row["set_aside_ms"])
            }
        }
    }
}

import GRDB

extension SQLiteNotificationStore {
    /// Deletes, in one transaction, up to `limit` rows past the retention: received event ids
    /// whose schedule has moved to a newer version, notifications decided before `cutoff`,
    /// retired jobs due before it, and events set aside before it (see ``NotificationStore/prune(before:limit:)`` for why
    /// forgetting an event id is safe).
    public func prune(before cutoff: Int64, limit: Int) async throws -> Int {
        try await database.write { db -> Int in
            var deleted = 0
            for sql in Self.pruningStatements where deleted < limit {
                try db.execute(sql: sql, arguments: [cutoff, limit - deleted])
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// One `DELETE` per table, each taking the cutoff and the most rows to delete.
    private static let pruningStatements = [
        """
        DELETE FROM received_events WHERE rowid IN (SELECT received_events.rowid FROM received_events
            JOIN schedules ON schedules.id = received_events.schedule_id
            WHERE received_events.received_ms < ? AND received_events.version < schedules.version
            ORDER BY received_events.received_ms LIMIT ?)
        """,
        """
        DELETE FROM notifications WHERE rowid IN (SELECT rowid FROM notifications
            WHERE decided_ms < ? ORDER BY decided_ms LIMIT ?)
        """,
        """
        DELETE FROM jobs WHERE rowid IN (SELECT rowid FROM jobs
            WHERE pending = 0 AND lease_token IS NULL AND due_ms < ? ORDER BY due_ms LIMIT ?)
        """,
        """
        DELETE FROM set_aside_events WHERE rowid IN (SELECT rowid FROM set_aside_events
            WHERE set_aside_ms < ? ORDER BY set_aside_ms LIMIT ?)
        """,
    ]
}

import PostgresClient

extension PostgresNotificationStore {
    /// Deletes, in one transaction, up to `limit` rows past the retention: received event ids
    /// whose schedule has moved to a newer version, notifications decided before `cutoff`,
    /// retired jobs due before it, and events set aside before it (see
    /// ``NotificationStore/prune(before:limit:)`` for why forgetting an event id is safe).
    public func prune(before cutoff: Int64, limit: Int) async throws -> Int {
        try await withConnection { connection in
            try await connection.transaction { transaction in
                var deleted = 0
                for statement in Self.pruningStatements where deleted < limit {
                    deleted += try await transaction.query(statement, [.int(cutoff), .int(Int64(limit - deleted))])
                        .affectedRows
                }
                return deleted
            }
        }
    }

    /// One `DELETE` per table, each taking the cutoff and the most rows to delete.
    private static let pruningStatements = [
        PostgresStatement(
            """
            DELETE FROM notification_service.received_events WHERE event_id IN (
                SELECT received.event_id FROM notification_service.received_events AS received
                    JOIN notification_service.schedules ON schedules.id = received.schedule_id
                WHERE received.received_ms < $1 AND received.version < schedules.version
                ORDER BY received.received_ms LIMIT $2)
            """),
        PostgresStatement(
            """
            DELETE FROM notification_service.notifications WHERE notification_id IN (
                SELECT notification_id FROM notification_service.notifications
                WHERE decided_ms < $1 ORDER BY decided_ms LIMIT $2)
            """),
        PostgresStatement(
            """
            DELETE FROM notification_service.jobs WHERE schedule_id IN (
                SELECT schedule_id FROM notification_service.jobs
                WHERE NOT pending AND lease_token IS NULL AND due_ms < $1 ORDER BY due_ms LIMIT $2)
            """),
        PostgresStatement(
            """
            DELETE FROM notification_service.set_aside_events WHERE event_id IN (
                SELECT event_id FROM notification_service.set_aside_events
                WHERE set_aside_ms < $1 ORDER BY set_aside_ms LIMIT $2)
            """),
    ]
}

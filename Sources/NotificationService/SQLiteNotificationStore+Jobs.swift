import GRDB
import PinitProtos
import ProtoCodec

extension SQLiteNotificationStore {
    /// Selects due jobs and stamps their lease in one write transaction, so concurrent workers never claim the same job.
    public func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws -> [NotificationJob] {
        try await database.write { db -> [NotificationJob] in
            let jobs = try Row.fetchAll(db, sql: """
                SELECT jobs.notification_id, jobs.schedule_id, jobs.due_ms, schedules.owner_id, schedules.title
                FROM jobs JOIN schedules ON schedules.id = jobs.schedule_id
                WHERE jobs.pending = 1 AND jobs.due_ms <= ? AND schedules.state = 0
                    AND (jobs.lease_until_ms IS NULL OR jobs.lease_until_ms <= ?)
                ORDER BY jobs.due_ms LIMIT ?
                """, arguments: [now, now, limit]).map { row in
                NotificationJob(
                    notificationID: row["notification_id"], scheduleID: row["schedule_id"], ownerID: row["owner_id"],
                    title: row["title"], dueAt: row["due_ms"])
            }
            for job in jobs {
                try db.execute(sql: "UPDATE jobs SET lease_owner = ?, lease_until_ms = ? WHERE schedule_id = ?",
                               arguments: [worker, now + leaseMilliseconds, job.scheduleID])
            }
            return jobs
        }
    }

    /// Re-reads the job, its lease and its schedule state.
    public func isStillDue(_ job: NotificationJob, worker: String, now: Int64) async throws -> Bool {
        try await database.read { db in
            try Self.holdsLease(job, worker: worker, now: now, in: db)
        }
    }

    /// Records the outcome and retires the job in one write transaction, if the lease is still held.
    public func finish(
        _ job: NotificationJob, worker: String, outcome: Pinit_V1_NotificationOutcome, reason: String, at milliseconds: Int64
    ) async throws -> Bool {
        try await database.write { db -> Bool in
            guard try Self.holdsLease(job, worker: worker, now: nil, in: db) else { return false }
            try db.execute(sql: "UPDATE jobs SET pending = 0, lease_owner = NULL, lease_until_ms = NULL WHERE schedule_id = ?",
                           arguments: [job.scheduleID])
            try db.execute(sql: """
                INSERT OR IGNORE INTO notifications
                    (notification_id, schedule_id, owner_id, title, start_ms, outcome, reason, decided_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [job.notificationID, job.scheduleID, job.ownerID, job.title, job.dueAt,
                                 Int64(outcome.rawValue), reason, milliseconds])
            return true
        }
    }

    /// Reads notifications oldest first.
    public func notifications(ownerID: String?) async throws -> [Pinit_V1_Notification] {
        try await database.read { db in
            let rows = if let ownerID {
                try Row.fetchAll(db, sql: "SELECT * FROM notifications WHERE owner_id = ? ORDER BY decided_ms, rowid",
                                 arguments: [ownerID])
            } else {
                try Row.fetchAll(db, sql: "SELECT * FROM notifications ORDER BY decided_ms, rowid")
            }
            return rows.map { row in
                var notification = Pinit_V1_Notification()
                notification.notificationId = row["notification_id"]
                notification.scheduleId = row["schedule_id"]
                notification.ownerId = row["owner_id"]
                notification.title = row["title"]
                notification.startTime = Google_Protobuf_Timestamp(milliseconds: row["start_ms"])
                notification.outcome = Pinit_V1_NotificationOutcome(rawValue: Int32(row["outcome"] as Int64))
                notification.reason = row["reason"]
                notification.decidedAt = Google_Protobuf_Timestamp(milliseconds: row["decided_ms"])
                return notification
            }
        }
    }

    /// Whether the job is still pending with the same notification id, leased to `worker`
    /// (unexpired at `now` when given), and its schedule still NOT_STARTED.
    private static func holdsLease(_ job: NotificationJob, worker: String, now: Int64?, in db: Database) throws -> Bool {
        let row = try Row.fetchOne(db, sql: """
            SELECT jobs.lease_until_ms FROM jobs JOIN schedules ON schedules.id = jobs.schedule_id
            WHERE jobs.schedule_id = ? AND jobs.notification_id = ? AND jobs.pending = 1 AND jobs.lease_owner = ?
                AND schedules.state = 0
            """, arguments: [job.scheduleID, job.notificationID, worker])
        guard let row else { return false }
        guard let now else { return true }
        return (row["lease_until_ms"] as Int64) > now
    }
}

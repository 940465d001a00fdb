import Foundation
import GRDB
import PinitProtos
import ProtoCodec

extension SQLiteNotificationStore {
    /// Job columns for fenced, retried deliveries: the version a job was made for, the claim's
    /// token, failed attempts and the next try, and the push stored at the first attempt.
    /// Leases from then on are on ``LeaseClock`` (older wall-clock leases look far in the
    /// future and count as expired).
    static func registerJobMigrations(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2: fenced job leases, attempts, stored push") { db in
            try db.execute(
                sql: """
                    ALTER TABLE jobs ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE jobs ADD COLUMN lease_token TEXT;
                    ALTER TABLE jobs ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE jobs ADD COLUMN confirm_failures INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE jobs ADD COLUMN next_attempt_ms INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE jobs ADD COLUMN push_body BLOB;
                    ALTER TABLE jobs ADD COLUMN last_error TEXT;
                    CREATE INDEX jobs_lease_owner ON jobs(lease_owner);
                    """)
        }
    }

    /// Makes the schedule's job match an applied event: due at the start time while
    /// NOT_STARTED (a new start time is a new notification, with fresh attempts), retired
    /// otherwise. A claim in progress keeps its lease, so its outcome is still recorded.
    static func updateJob(for event: Pinit_V1_ScheduleEvent, start: Int64, in db: Database) throws {
        guard event.state == .notStarted else {
            try db.execute(sql: "UPDATE jobs SET pending = 0 WHERE schedule_id = ?", arguments: [event.scheduleId])
            return
        }
        try upsertJob(
            scheduleID: event.scheduleId,
            notificationID: NotificationJob.notificationID(scheduleID: event.scheduleId, start: start),
            start: start, version: event.version, in: db)
    }

    private static func upsertJob(
        scheduleID: String, notificationID: String, start: Int64, version: Int64, in db: Database
    ) throws {
        let decided = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM notifications WHERE notification_id = ?", arguments: [notificationID])
        try db.execute(
            sql: """
                INSERT INTO jobs (schedule_id, notification_id, due_ms, pending, version) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(schedule_id) DO UPDATE SET notification_id = excluded.notification_id, due_ms = excluded.due_ms,
                    pending = excluded.pending, version = excluded.version, send_attempts = 0, confirm_failures = 0,
                    next_attempt_ms = 0, push_body = NULL, last_error = NULL
                    WHERE jobs.notification_id != excluded.notification_id OR jobs.pending != excluded.pending
                """, arguments: [scheduleID, notificationID, start, decided != true, version])
    }

    /// Selects due jobs and stamps their lease in one write transaction, so concurrent workers
    /// never claim the same job.
    public func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws
        -> [NotificationJob]
    {
        let leaseNow = leaseClock()
        return try await database.write { db -> [NotificationJob] in
            let jobs = try Row.fetchAll(
                db,
                sql: """
                    SELECT jobs.*, schedules.owner_id, schedules.title
                    FROM jobs JOIN schedules ON schedules.id = jobs.schedule_id
                    WHERE jobs.pending = 1 AND jobs.due_ms <= ? AND jobs.next_attempt_ms <= ? AND schedules.state = 0
                        AND (jobs.lease_until_ms IS NULL OR jobs.lease_until_ms <= ? OR jobs.lease_until_ms > ?)
                    ORDER BY jobs.due_ms LIMIT ?
                    """, arguments: [now, now, leaseNow, leaseNow + leaseMilliseconds, limit]
            ).map { row in
                NotificationJob(
                    notificationID: row["notification_id"], scheduleID: row["schedule_id"], ownerID: row["owner_id"],
                    title: row["title"], dueAt: row["due_ms"], version: row["version"], leaseToken: UUID().uuidString,
                    sendAttempts: row["send_attempts"], confirmFailures: row["confirm_failures"],
                    storedPush: row["push_body"])
            }
            for job in jobs {
                try db.execute(
                    sql: """
                        UPDATE jobs SET lease_owner = ?, lease_token = ?, lease_until_ms = ? WHERE schedule_id = ?
                        """, arguments: [worker, job.leaseToken, leaseNow + leaseMilliseconds, job.scheduleID])
            }
            return jobs
        }
    }

    /// Pushes the lease's end to `leaseMilliseconds` from now while the claim holds it unexpired.
    public func renewLease(_ job: NotificationJob, leaseMilliseconds: Int64) async throws -> Bool {
        let leaseNow = leaseClock()
        return try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE jobs SET lease_until_ms = ? WHERE schedule_id = ? AND lease_token = ? AND lease_until_ms > ?
                    """, arguments: [leaseNow + leaseMilliseconds, job.scheduleID, job.leaseToken, leaseNow])
            return db.changesCount > 0
        }
    }

    /// Stores the push once, under the claim's lease.
    public func storePush(_ push: Data, for job: NotificationJob) async throws -> Data? {
        let leaseNow = leaseClock()
        return try await database.write { db -> Data? in
            guard try Self.holdsLease(job, leaseNow: leaseNow, in: db) else { return nil }
            try db.execute(
                sql: """
                    UPDATE jobs SET push_body = ? WHERE schedule_id = ? AND notification_id = ? AND push_body IS NULL
                    """, arguments: [push, job.scheduleID, job.notificationID])
            return try Data.fetchOne(
                db, sql: "SELECT push_body FROM jobs WHERE schedule_id = ?", arguments: [job.scheduleID]) ?? push
        }
    }

    /// Records the failure and the next try (unless an event made the job another
    /// notification meanwhile) and releases the claim.
    public func postpone(_ job: NotificationJob, _ postponement: JobPostponement) async throws -> Bool {
        let leaseNow = leaseClock()
        return try await database.write { db -> Bool in
            guard try Self.holdsLease(job, leaseNow: leaseNow, in: db) else { return false }
            try db.execute(
                sql: """
                    UPDATE jobs SET next_attempt_ms = ?, send_attempts = ?, confirm_failures = ?, last_error = ?
                    WHERE schedule_id = ? AND notification_id = ?
                    """,
                arguments: [
                    postponement.notBefore, postponement.sendAttempts, postponement.confirmFailures,
                    postponement.reason, job.scheduleID, job.notificationID,
                ])
            try Self.releaseLease(of: job, in: db)
            return true
        }
    }

    /// Makes the job the new start time's notification, as the move's event would.
    public func move(_ job: NotificationJob, toStart start: Int64, version: Int64) async throws -> Bool {
        let leaseNow = leaseClock()
        return try await database.write { db -> Bool in
            guard try Self.holdsLease(job, leaseNow: leaseNow, in: db) else { return false }
            let current = try String.fetchOne(
                db, sql: "SELECT notification_id FROM jobs WHERE schedule_id = ?", arguments: [job.scheduleID])
            if current == job.notificationID {
                try Self.upsertJob(
                    scheduleID: job.scheduleID,
                    notificationID: NotificationJob.notificationID(scheduleID: job.scheduleID, start: start),
                    start: start, version: version, in: db)
            }
            try Self.releaseLease(of: job, in: db)
            return true
        }
    }

    /// Records the outcome and retires the job in one write transaction, if the claim still
    /// holds its lease unexpired.
    public func finish(
        _ job: NotificationJob, outcome: Pinit_V1_NotificationOutcome, reason: String, at milliseconds: Int64
    ) async throws -> Bool {
        let leaseNow = leaseClock()
        return try await database.write { db -> Bool in
            guard try Self.holdsLease(job, leaseNow: leaseNow, in: db) else { return false }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO notifications
                        (notification_id, schedule_id, owner_id, title, start_ms, outcome, reason, decided_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    job.notificationID, job.scheduleID, job.ownerID, job.title, job.dueAt,
                    Int64(outcome.rawValue), reason, milliseconds,
                ])
            try db.execute(
                sql: "UPDATE jobs SET pending = 0 WHERE schedule_id = ? AND notification_id = ?",
                arguments: [job.scheduleID, job.notificationID])
            try Self.releaseLease(of: job, in: db)
            return true
        }
    }

    /// Clears every lease of `worker`.
    public func releaseLeases(worker: String) async throws -> Int {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until_ms = NULL WHERE lease_owner = ?
                    """, arguments: [worker])
            return db.changesCount
        }
    }

    /// Whether the claim's token still holds the job's lease, unexpired at `leaseNow`.
    private static func holdsLease(_ job: NotificationJob, leaseNow: Int64, in db: Database) throws -> Bool {
        let until = try Int64.fetchOne(
            db, sql: "SELECT lease_until_ms FROM jobs WHERE schedule_id = ? AND lease_token = ?",
            arguments: [job.scheduleID, job.leaseToken])
        return until.map { $0 > leaseNow } ?? false
    }

    private static func releaseLease(of job: NotificationJob, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE jobs SET lease_owner = NULL, lease_token = NULL, lease_until_ms = NULL WHERE schedule_id = ? AND lease_token = ?
                """, arguments: [job.scheduleID, job.leaseToken])
    }

    /// Reads notifications oldest first.
    public func notifications(ownerID: String?) async throws -> [Pinit_V1_Notification] {
        try await database.read { db in
            let rows =
                if let ownerID {
                    try Row.fetchAll(
                        db, sql: "SELECT * FROM notifications WHERE owner_id = ? ORDER BY decided_ms, rowid",
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
}

import Foundation
import PinitProtos
import PostgresClient

extension PostgresNotificationStore {
    /// Selects due jobs with `FOR UPDATE SKIP LOCKED` and stamps their lease (a new token per
    /// job, the end on the lease clock) in the same statement: a job another replica is
    /// claiming, or whose lease a claim holds while recording its outcome, is skipped, never
    /// waited for, and never claimed twice.
    public func claimDueJobs(worker: String, now: Int64, leaseMilliseconds: Int64, limit: Int) async throws
        -> [NotificationJob]
    {
        let rows = try await run(
            PostgresStatement(
                """
                WITH \(Self.leaseNow(1)), due AS (
                    SELECT jobs.schedule_id, schedules.owner_id, schedules.title
                    FROM notification_service.jobs
                        JOIN notification_service.schedules ON schedules.id = jobs.schedule_id, clock
                    WHERE jobs.pending AND jobs.due_ms <= $2 AND jobs.next_attempt_ms <= $2 AND schedules.state = 0
                        AND (jobs.lease_until_ms IS NULL OR jobs.lease_until_ms <= clock.now
                             OR jobs.lease_until_ms > clock.now + $3)
                    ORDER BY jobs.due_ms LIMIT $4
                    FOR UPDATE OF jobs SKIP LOCKED)
                UPDATE notification_service.jobs AS job
                SET lease_owner = $5, lease_token = gen_random_uuid()::text, lease_until_ms = clock.now + $3
                FROM due, clock WHERE job.schedule_id = due.schedule_id
                RETURNING job.*, due.owner_id, due.title
                """), [leaseNowParameter, .int(now), .int(leaseMilliseconds), .int(Int64(limit)), .text(worker)])
        return try rows.map { row in
            NotificationJob(
                notificationID: try row.decode("notification_id"), scheduleID: try row.decode("schedule_id"),
                ownerID: try row.decode("owner_id"), title: try row.decode("title"), dueAt: try row.decode("due_ms"),
                version: try row.decode("version"), leaseToken: try row.decode("lease_token"),
                sendAttempts: try row.decode("send_attempts"), confirmFailures: try row.decode("confirm_failures"),
                storedPush: try row.decode("push_body"))
        }.sorted { ($0.dueAt, $0.scheduleID) < ($1.dueAt, $1.scheduleID) }
    }

    /// Pushes the lease's end to `leaseMilliseconds` from now while the claim holds it unexpired.
    public func renewLease(_ job: NotificationJob, leaseMilliseconds: Int64) async throws -> Bool {
        try await run(
            PostgresStatement(
                """
                WITH \(Self.leaseNow(1))
                UPDATE notification_service.jobs AS job SET lease_until_ms = clock.now + $2 FROM clock
                WHERE job.schedule_id = $3 AND job.lease_token = $4 AND job.lease_until_ms > clock.now
                """), [leaseNowParameter, .int(leaseMilliseconds), .text(job.scheduleID), .text(job.leaseToken)]
        ).affectedRows > 0
    }

    /// Stores the push once, under the claim's lease.
    public func storePush(_ push: Data, for job: NotificationJob) async throws -> Data? {
        try await withLease(of: job, releasing: false) { transaction in
            try await transaction.query(
                PostgresStatement(
                    """
                    UPDATE notification_service.jobs SET push_body = $3
                    WHERE schedule_id = $1 AND notification_id = $2 AND push_body IS NULL
                    """), [.text(job.scheduleID), .text(job.notificationID), .bytes(push)])
            return try await transaction.query(
                PostgresStatement("SELECT push_body FROM notification_service.jobs WHERE schedule_id = $1"),
                [.text(job.scheduleID)]
            ).first?.decode("push_body", as: Data?.self) ?? push
        }
    }

    /// Records the failure and the next try (unless an event made the job another
    /// notification meanwhile) and releases the claim.
    public func postpone(_ job: NotificationJob, _ postponement: JobPostponement) async throws -> Bool {
        try await withLease(of: job) { transaction in
            try await transaction.query(
                PostgresStatement(
                    """
                    UPDATE notification_service.jobs SET next_attempt_ms = $3, send_attempts = $4, confirm_failures = $5,
                        last_error = $6
                    WHERE schedule_id = $1 AND notification_id = $2
                    """),
                [
                    .text(job.scheduleID), .text(job.notificationID), .int(postponement.notBefore),
                    .int(Int64(postponement.sendAttempts)), .int(Int64(postponement.confirmFailures)),
                    .text(postponement.reason),
                ])
            return true
        } ?? false
    }

    /// Makes the job the new start time's notification, as the move's event would.
    public func move(_ job: NotificationJob, toStart start: Int64, version: Int64) async throws -> Bool {
        try await withLease(of: job) { transaction in
            let current = try await transaction.query(
                PostgresStatement("SELECT notification_id FROM notification_service.jobs WHERE schedule_id = $1"),
                [.text(job.scheduleID)]
            ).first?.decode("notification_id", as: String.self)
            if current == job.notificationID {
                let moved = NotificationJob.notificationID(scheduleID: job.scheduleID, start: start)
                try await Self.upsertJob(
                    scheduleID: job.scheduleID, notificationID: moved, start: start, version: version, in: transaction)
            }
            return true
        } ?? false
    }

    /// Records the outcome and retires the job in one transaction, if the claim still holds
    /// its lease unexpired.
    public func finish(
        _ job: NotificationJob, outcome: Pinit_V1_NotificationOutcome, reason: String, at milliseconds: Int64
    ) async throws -> Bool {
        try await withLease(of: job) { transaction in
            try await transaction.query(
                PostgresStatement(
                    """
                    INSERT INTO notification_service.notifications
                        (notification_id, schedule_id, owner_id, title, start_ms, outcome, reason, decided_ms)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (notification_id) DO NOTHING
                    """),
                [
                    .text(job.notificationID), .text(job.scheduleID), .text(job.ownerID), .text(job.title),
                    .int(job.dueAt), .int(Int64(outcome.rawValue)), .text(reason), .int(milliseconds),
                ])
            try await transaction.query(
                PostgresStatement(
                    """
                    UPDATE notification_service.jobs SET pending = false WHERE schedule_id = $1 AND notification_id = $2
                    """), [.text(job.scheduleID), .text(job.notificationID)])
            return true
        } ?? false
    }

    /// Clears every lease of `worker`.
    public func releaseLeases(worker: String) async throws -> Int {
        try await run(
            PostgresStatement(
                """
                UPDATE notification_service.jobs SET lease_owner = NULL, lease_token = NULL, lease_until_ms = NULL
                WHERE lease_owner = $1
                """), [.text(worker)]
        ).affectedRows
    }

    /// Runs `body` in a transaction that first locks the job's row if the claim's token still
    /// holds its lease, unexpired on the lease clock, and then, when `releasing`, releases the
    /// lease. The row lock keeps other claims off the job (they skip it) until the transaction
    /// ends.
    ///
    /// - Returns: what `body` returned, or `nil` when the claim had lost its lease (nothing
    ///   changed).
    nonisolated(nonsending) private func withLease<T: Sendable>(
        of job: NotificationJob, releasing: Bool = true,
        _ body: nonisolated(nonsending) (PostgresTransaction) async throws -> T
    ) async throws -> T? {
        let leaseNow = leaseNowParameter
        return try await withConnection { connection in
            try await connection.transaction { transaction -> T? in
                let held = try await transaction.query(
                    PostgresStatement(
                        """
                        WITH \(Self.leaseNow(1))
                        SELECT 1 FROM notification_service.jobs, clock
                        WHERE schedule_id = $2 AND lease_token = $3 AND lease_until_ms > clock.now
                        FOR UPDATE OF jobs
                        """), [leaseNow, .text(job.scheduleID), .text(job.leaseToken)])
                guard !held.isEmpty else { return nil }
                let value = try await body(transaction)
                guard releasing else { return value }
                try await transaction.query(
                    PostgresStatement(
                        """
                        UPDATE notification_service.jobs SET lease_owner = NULL, lease_token = NULL, lease_until_ms = NULL
                        WHERE schedule_id = $1 AND lease_token = $2
                        """), [.text(job.scheduleID), .text(job.leaseToken)])
                return value
            }
        }
    }
}

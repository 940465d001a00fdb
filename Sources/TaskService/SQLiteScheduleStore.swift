import Foundation
import GRDB
import PinitProtos
import ProtoCodec

/// ``ScheduleStore`` on an embedded SQLite file (GRDB), migrated to the current schema on open.
///
/// A commit that returned survives power loss: the file runs in WAL mode with
/// `synchronous = FULL`. SQLite then fsyncs the WAL at every commit (one `fdatasync` per
/// transaction), and its Unix VFS fsyncs the directory the first time it syncs a newly created
/// WAL file, so the WAL's directory entry is durable too. The WAL is not deleted per commit (the
/// rollback journal was, and without a directory fsync its unlink could be undone by a power
/// loss, turning the journal hot and rolling the commit back). `EXTRA` only adds a directory
/// fsync after a rollback journal's unlink, which WAL mode never does, so it would cost nothing
/// and add nothing; `NORMAL`, GRDB's WAL default, syncs only at checkpoints and may lose the last
/// commits. Readers (a `DatabasePool`) run beside the one writer, so reads never wait for a commit.
public final class SQLiteScheduleStore: ScheduleStore {
    let database: DatabasePool

    /// Signalled after each commit of a change (one process writes the file, so its own commits
    /// are all there is to hear).
    public let outboxSignal = OutboxSignal()

    /// Opens (creating if needed) `tasks.sqlite` in `directory` and runs pending migrations.
    ///
    /// - Throws: a GRDB `DatabaseError` naming the SQLite failure, or a file-system error.
    public init(directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(
            path: directory.appendingPathComponent("tasks.sqlite").path, configuration: configuration)
        // After GRDB's WAL setup, which sets NORMAL.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        try Self.migrator.migrate(database)
    }

    /// The schema, one migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: schedules and outbox") { db in
            try db.execute(
                sql: """
                    CREATE TABLE schedules (
                        id TEXT PRIMARY KEY NOT NULL, owner_id TEXT NOT NULL, title TEXT NOT NULL,
                        start_ms INTEGER NOT NULL, state INTEGER NOT NULL, version INTEGER NOT NULL);
                    CREATE INDEX schedules_owner ON schedules(owner_id, start_ms);
                    CREATE TABLE outbox (
                        sequence INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE,
                        schedule_id TEXT NOT NULL, payload BLOB NOT NULL, acknowledged_ms INTEGER);
                    CREATE INDEX outbox_pending ON outbox(acknowledged_ms, sequence);
                    """)
        }
        migrator.registerMigration("create request ids") { db in
            try db.execute(
                sql: """
                    CREATE TABLE create_requests (
                        owner_id TEXT NOT NULL, request_id TEXT NOT NULL, schedule_id TEXT NOT NULL,
                        title TEXT NOT NULL, start_ms INTEGER NOT NULL, created_ms INTEGER NOT NULL,
                        PRIMARY KEY (owner_id, request_id));
                    CREATE INDEX create_requests_time ON create_requests(created_ms);
                    """)
        }
        migrator.registerMigration("outbox claims") { db in
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
                    ALTER TABLE outbox ADD COLUMN claimed_until_ms INTEGER;
                    """)
        }
        return migrator
    }

    /// Inserts the schedule, its creation event and its request id in one transaction, unless
    /// the owner used the request id before (checked in the same transaction, so two racing
    /// retries create one schedule).
    public func insert(_ change: ScheduleChange, requestID: String?) async throws -> CreateRequestRecord? {
        let earlier = try await database.write { db -> CreateRequestRecord? in
            guard let requestID else {
                try Self.save(change, in: db, isNew: true)
                return nil
            }
            let schedule = change.schedule
            if let earlier = try Self.createRequest(id: requestID, ownerID: schedule.ownerId, in: db) { return earlier }
            try Self.save(change, in: db, isNew: true)
            try db.execute(
                sql: """
                    INSERT INTO create_requests (owner_id, request_id, schedule_id, title, start_ms, created_ms)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    schedule.ownerId, requestID, schedule.id, schedule.title,
                    schedule.startTime?.milliseconds ?? 0, change.event.occurredAt?.milliseconds ?? 0,
                ])
            return nil
        }
        if earlier == nil { outboxSignal.signal() }
        return earlier
    }

    /// Reads the creation the owner made under `id`, with the schedule as it is now.
    public func createRequest(id: String, ownerID: String) async throws -> CreateRequestRecord? {
        try await database.read { db in try Self.createRequest(id: id, ownerID: ownerID, in: db) }
    }

    private static func createRequest(id: String, ownerID: String, in db: Database) throws -> CreateRequestRecord? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT create_requests.title AS requested_title, create_requests.start_ms AS requested_start_ms, schedules.*
                FROM create_requests JOIN schedules ON schedules.id = create_requests.schedule_id
                WHERE create_requests.owner_id = ? AND create_requests.request_id = ?
                """, arguments: [ownerID, id])
        return row.map { row in
            CreateRequestRecord(
                schedule: schedule(from: row), title: row["requested_title"],
                startMilliseconds: row["requested_start_ms"])
        }
    }

    /// Deletes, in one transaction, up to `limit` outbox events acknowledged before `cutoff`
    /// and then create request ids recorded before it.
    public func prune(before cutoff: Int64, limit: Int) async throws -> Int {
        try await database.write { db -> Int in
            try db.execute(
                sql: """
                    DELETE FROM outbox WHERE sequence IN (SELECT sequence FROM outbox
                        WHERE acknowledged_ms IS NOT NULL AND acknowledged_ms < ? ORDER BY acknowledged_ms LIMIT ?)
                    """, arguments: [cutoff, limit])
            var deleted = db.changesCount
            guard deleted < limit else { return deleted }
            try db.execute(
                sql: """
                    DELETE FROM create_requests WHERE rowid IN (SELECT rowid FROM create_requests
                        WHERE created_ms < ? ORDER BY created_ms LIMIT ?)
                    """, arguments: [cutoff, limit - deleted])
            deleted += db.changesCount
            return deleted
        }
    }

    /// Reads, transitions and writes the schedule and its event in one write transaction.
    public func update(
        scheduleID: String, _ transition: @Sendable (Pinit_V1_Schedule) throws -> ScheduleChange
    ) async throws -> Pinit_V1_Schedule? {
        let updated = try await database.write { db -> Pinit_V1_Schedule? in
            guard let current = try Self.fetchSchedule(id: scheduleID, in: db) else { return nil }
            let change = try transition(current)
            try Self.save(change, in: db, isNew: false)
            return change.schedule
        }
        if updated != nil { outboxSignal.signal() }
        return updated
    }

    /// Reads one schedule on the writer's queue, after any change in progress has committed.
    public func schedule(id: String) async throws -> Pinit_V1_Schedule? {
        try await database.writeWithoutTransaction { db in try Self.fetchSchedule(id: id, in: db) }
    }

    /// Reads a user's schedules, earliest start first.
    public func schedules(ownerID: String) async throws -> [Pinit_V1_Schedule] {
        try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT * FROM schedules WHERE owner_id = ? ORDER BY start_ms, id", arguments: [ownerID]
            )
            .map(Self.schedule(from:))
        }
    }

    /// Reads outbox entries not yet acknowledged, in sequence order.
    public func unacknowledgedEvents(after sequence: Int64, limit: Int) async throws -> [OutboxEntry] {
        try await database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM outbox WHERE acknowledged_ms IS NULL AND sequence > ? ORDER BY sequence LIMIT ?
                    """, arguments: [sequence, limit]
            ).map(Self.entry(from:))
        }
    }

    /// Claims events in one write transaction, after a read found some to claim (so an idle
    /// relay's polls write nothing). The one writer makes claims exclusive.
    public func claimEvents(limit: Int, claimant: String, lease: Duration) async throws -> [OutboxEntry] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let claimable = """
            SELECT sequence FROM outbox WHERE acknowledged_ms IS NULL AND (claimed_until_ms IS NULL OR claimed_until_ms <= ?)
            ORDER BY sequence LIMIT ?
            """
        let any = try await database.read { db in try Row.fetchOne(db, sql: claimable, arguments: [now, 1]) != nil }
        guard any else { return [] }
        return try await database.write { db in
            try Row.fetchAll(
                db,
                sql: """
                    UPDATE outbox SET claimed_by = ?, claimed_until_ms = ? WHERE sequence IN (\(claimable))
                    RETURNING sequence, payload, acknowledged_ms
                    """, arguments: [claimant, now + Int64(lease / .milliseconds(1)), now, limit]
            )
            .map(Self.entry(from:)).sorted { $0.sequence < $1.sequence }
        }
    }

    /// Clears the claimant's claims on unacknowledged events.
    public func releaseClaims(claimant: String) async throws {
        try await database.write { db in
            try db.execute(
                sql: """
                    UPDATE outbox SET claimed_by = NULL, claimed_until_ms = NULL WHERE claimed_by = ? AND acknowledged_ms IS NULL
                    """, arguments: [claimant])
        }
    }

    /// Stamps the events acknowledged in one transaction; they stay in the outbox for audits
    /// until the retention prunes them.
    public func acknowledge(eventIDs: [String], at milliseconds: Int64) async throws {
        try await database.write { db in
            let statement = try db.cachedStatement(
                sql: "UPDATE outbox SET acknowledged_ms = ? WHERE event_id = ? AND acknowledged_ms IS NULL")
            for eventID in eventIDs { try statement.execute(arguments: [milliseconds, eventID]) }
        }
    }

    /// Reads the whole outbox in sequence order.
    public func allEvents() async throws -> [OutboxEntry] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox ORDER BY sequence").map(Self.entry(from:))
        }
    }

    /// Closes the SQLite connection.
    public func close() async throws {
        try database.close()
    }

    static func save(_ change: ScheduleChange, in db: Database, isNew: Bool) throws {
        let schedule = change.schedule
        let arguments: StatementArguments = [
            schedule.id, schedule.ownerId, schedule.title, schedule.startTime?.milliseconds ?? 0,
            Int64(schedule.state.rawValue), schedule.version,
        ]
        if isNew {
            try db.execute(
                sql: "INSERT INTO schedules (id, owner_id, title, start_ms, state, version) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: arguments)
        } else {
            try db.execute(
                sql: "UPDATE schedules SET owner_id = ?, title = ?, start_ms = ?, state = ?, version = ? WHERE id = ?",
                arguments: [
                    schedule.ownerId, schedule.title, schedule.startTime?.milliseconds ?? 0,
                    Int64(schedule.state.rawValue), schedule.version, schedule.id,
                ])
        }
        try db.execute(
            sql: "INSERT INTO outbox (event_id, schedule_id, payload) VALUES (?, ?, ?)",
            arguments: [change.event.eventId, schedule.id, Data(change.event.serializedBytes())])
    }

    private static func fetchSchedule(id: String, in db: Database) throws -> Pinit_V1_Schedule? {
        try Row.fetchOne(db, sql: "SELECT * FROM schedules WHERE id = ?", arguments: [id]).map(schedule(from:))
    }

    private static func schedule(from row: Row) -> Pinit_V1_Schedule {
        var schedule = Pinit_V1_Schedule()
        schedule.id = row["id"]
        schedule.ownerId = row["owner_id"]
        schedule.title = row["title"]
        schedule.startTime = Google_Protobuf_Timestamp(milliseconds: row["start_ms"])
        schedule.state = Pinit_V1_ScheduleState(rawValue: Int32(row["state"] as Int64))
        schedule.version = row["version"]
        return schedule
    }

    private static func entry(from row: Row) throws -> OutboxEntry {
        let payload: Data = row["payload"]
        return OutboxEntry(
            sequence: row["sequence"], event: try Pinit_V1_ScheduleEvent(serializedData: payload),
            acknowledgedAt: row["acknowledged_ms"])
    }
}

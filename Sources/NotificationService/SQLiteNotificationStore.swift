import Foundation
import GRDB
import PinitProtos
import ProtoCodec

/// ``NotificationStore`` on an embedded SQLite file (GRDB), migrated on open.
///
/// SQLite runs one write transaction at a time, so a claim (select due jobs, stamp the
/// lease) is atomic across workers and processes sharing the file.
///
/// A commit that returned survives power loss (an applied cancel, once acknowledged, is never
/// undone): the file runs in WAL mode with `synchronous = FULL`, which fsyncs the WAL at every
/// commit; SQLite's Unix VFS fsyncs the directory when it first syncs a newly created WAL.
/// `EXTRA` adds nothing in WAL mode, `NORMAL` (GRDB's WAL default) may lose the last commits; the
/// README's "Durable commits" paragraph has the argument. Readers run beside the writer (a `DatabasePool`).
public final class SQLiteNotificationStore: NotificationStore {
    let database: DatabasePool
    /// The clock leases are stamped and checked on.
    let leaseClock: @Sendable () -> Int64

    /// Opens (creating if needed) `notifications.sqlite` in `directory` and runs pending migrations.
    ///
    /// - Parameter leaseClock: milliseconds on the clock leases use (tests move it by hand).
    /// - Throws: a GRDB `DatabaseError` naming the SQLite failure, or a file-system error.
    public init(directory: URL, leaseClock: @escaping @Sendable () -> Int64 = LeaseClock.bootTime) throws {
        self.leaseClock = leaseClock
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        database = try DatabasePool(
            path: directory.appendingPathComponent("notifications.sqlite").path, configuration: configuration)
        // After GRDB's WAL setup, which sets NORMAL.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
        try Self.migrator.migrate(database)
    }

    /// The schema, one migration per change.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: events, schedules, jobs, devices, notifications") { db in
            try db.execute(
                sql: """
                    CREATE TABLE received_events (
                        event_id TEXT PRIMARY KEY NOT NULL, schedule_id TEXT NOT NULL, version INTEGER NOT NULL,
                        applied INTEGER NOT NULL, received_ms INTEGER NOT NULL);
                    CREATE TABLE schedules (
                        id TEXT PRIMARY KEY NOT NULL, owner_id TEXT NOT NULL, title TEXT NOT NULL,
                        start_ms INTEGER NOT NULL, state INTEGER NOT NULL, version INTEGER NOT NULL);
                    CREATE TABLE jobs (
                        schedule_id TEXT PRIMARY KEY NOT NULL, notification_id TEXT NOT NULL,
                        due_ms INTEGER NOT NULL, pending INTEGER NOT NULL,
                        lease_owner TEXT, lease_until_ms INTEGER);
                    CREATE INDEX jobs_due ON jobs(pending, due_ms);
                    CREATE TABLE devices (
                        token TEXT PRIMARY KEY NOT NULL, owner_id TEXT NOT NULL, registered_ms INTEGER NOT NULL);
                    CREATE INDEX devices_owner ON devices(owner_id);
                    CREATE TABLE notifications (
                        notification_id TEXT PRIMARY KEY NOT NULL, schedule_id TEXT NOT NULL, owner_id TEXT NOT NULL,
                        title TEXT NOT NULL, start_ms INTEGER NOT NULL, outcome INTEGER NOT NULL,
                        reason TEXT NOT NULL, decided_ms INTEGER NOT NULL);
                    CREATE INDEX notifications_owner ON notifications(owner_id, decided_ms);
                    """)
        }
        migrator.registerMigration("set-aside events; retention indexes") { db in
            try db.execute(
                sql: """
                    CREATE TABLE set_aside_events (
                        event_id TEXT PRIMARY KEY NOT NULL, schedule_id TEXT NOT NULL, version INTEGER NOT NULL,
                        reason TEXT NOT NULL, payload BLOB NOT NULL, set_aside_ms INTEGER NOT NULL);
                    CREATE INDEX set_aside_events_time ON set_aside_events(set_aside_ms);
                    CREATE INDEX received_events_time ON received_events(received_ms);
                    CREATE INDEX notifications_time ON notifications(decided_ms);
                    """)
        }
        registerJobMigrations(in: &migrator)
        migrator.registerMigration("devices with kinds: FCM tokens, Web Push subscriptions") { db in
            try db.execute(sql: "ALTER TABLE devices ADD COLUMN device BLOB")
        }
        return migrator
    }

    /// Applies the events in order in one write transaction, so a burst costs one commit (see
    /// ``NotificationStore/apply(_:at:)``); each event runs in a savepoint, so one set aside
    /// leaves the others applied.
    public func apply(_ events: [Pinit_V1_ScheduleEvent], at milliseconds: Int64) async throws -> [EventApplication] {
        try await database.write { db in
            try events.map { event in try Self.applyOrSetAside(event, at: milliseconds, in: db) }
        }
    }

    /// Applies one event that keeps the event contract: records its id, then changes the
    /// schedule and its job if the event's version is newer.
    static func apply(_ event: Pinit_V1_ScheduleEvent, at milliseconds: Int64, in db: Database) throws
        -> EventApplication
    {
        let seen = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM received_events WHERE event_id = ?", arguments: [event.eventId])
        if seen == true { return .duplicate }
        let stored = try Int64.fetchOne(
            db, sql: "SELECT version FROM schedules WHERE id = ?", arguments: [event.scheduleId])
        let isNewer = stored.map { event.version > $0 } ?? true
        try db.execute(
            sql: """
                INSERT INTO received_events (event_id, schedule_id, version, applied, received_ms) VALUES (?, ?, ?, ?, ?)
                """, arguments: [event.eventId, event.scheduleId, event.version, isNewer, milliseconds])
        guard isNewer else { return .stale }
        let start = event.startTime?.milliseconds ?? 0
        try db.execute(
            sql: """
                INSERT INTO schedules (id, owner_id, title, start_ms, state, version) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET owner_id = excluded.owner_id, title = excluded.title,
                    start_ms = excluded.start_ms, state = excluded.state, version = excluded.version
                """,
            arguments: [
                event.scheduleId, event.ownerId, event.title, start, Int64(event.state.rawValue), event.version,
            ])
        try Self.updateJob(for: event, start: start, in: db)
        return .applied
    }

    /// Inserts the device, or moves it to `ownerID` and stores its new form.
    public func registerDevice(_ device: PushDevice, ownerID: String, at milliseconds: Int64) async throws {
        let form = try JSONEncoder().encode(device)
        try await database.write { db in
            try db.execute(
                sql: """
                    INSERT INTO devices (token, owner_id, registered_ms, device) VALUES (?, ?, ?, ?)
                    ON CONFLICT(token) DO UPDATE SET owner_id = excluded.owner_id, device = excluded.device
                    """, arguments: [device.key, ownerID, milliseconds, form])
        }
    }

    /// Deletes the device.
    public func unregisterDevice(token: String) async throws -> Bool {
        try await database.write { db in
            try db.execute(sql: "DELETE FROM devices WHERE token = ?", arguments: [token])
            return db.changesCount > 0
        }
    }

    /// Reads a user's devices in key order; a row from before devices had kinds is a token.
    public func devices(ownerID: String) async throws -> [PushDevice] {
        let rows = try await database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT token, device FROM devices WHERE owner_id = ? ORDER BY token", arguments: [ownerID]
            )
            .map { (token: $0["token"] as String, device: $0["device"] as Data?) }
        }
        return try rows.map { row in
            try row.device.map { try JSONDecoder().decode(PushDevice.self, from: $0) } ?? .token(row.token)
        }
    }

    /// Reads every received event in arrival order.
    public func receivedEvents() async throws -> [ReceivedEvent] {
        try await database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM received_events ORDER BY received_ms, rowid").map { row in
                ReceivedEvent(
                    eventID: row["event_id"], scheduleID: row["schedule_id"], version: row["version"],
                    applied: row["applied"], receivedAt: row["received_ms"])
            }
        }
    }

    /// Closes the SQLite connection.
    public func close() async throws {
        try database.close()
    }
}

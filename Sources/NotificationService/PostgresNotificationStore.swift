import Foundation
import PinitProtos
import PostgresClient
import ProtoCodec

/// ``NotificationStore`` on a PostgreSQL server shared by any number of notification-service
/// replicas, with the same rules as ``SQLiteNotificationStore``.
///
/// What makes replicas safe, where SQLite relied on its single writer:
/// - applying an event records its id with `INSERT … ON CONFLICT DO NOTHING` in the applying
///   transaction (a replica applying the same event at once waits for the first and finds it
///   a duplicate), and the per-schedule version check is the `WHERE` of the schedule's upsert,
///   which PostgreSQL evaluates against the newest committed row; a burst first locks its
///   schedules in one order, so bursts sharing schedules queue rather than deadlock;
/// - due jobs are claimed with `FOR UPDATE SKIP LOCKED`, so two replicas never claim one job,
///   and every later call of a claim names its lease token and checks the lease in the same
///   statement (or under the row's lock);
/// - leases are measured on the database server's clock (`clock_timestamp()`), one clock for
///   every replica, so a replica's own clock can neither extend nor shorten them. A lease
///   ending later than `now + lease` counts as expired, as on ``LeaseClock``: a server clock
///   stepped back cannot keep a dead replica's leases alive.
///
/// The tables live in the `notification_service` schema (so the task service can share the
/// database), created and migrated when the store opens (``migrations``).
public final class PostgresNotificationStore: NotificationStore {
    let pool: PostgresPool
    /// The lease clock when tests move it by hand; `nil` is the database server's clock.
    let leaseClock: (@Sendable () -> Int64)?
    /// The schema version found when the store opened (0: an empty database).
    public let schemaVersionAtOpen: Int

    /// Opens the store on `pool` (which it owns from then on: ``close()`` closes it) and brings
    /// the schema to the newest version, waiting for a replica that migrates at the same time.
    ///
    /// - Parameter leaseClock: milliseconds on the clock leases use; `nil` (the default) is
    ///   the database server's clock, which every replica shares. Tests move a clock by hand.
    /// - Throws: ``PostgresError`` when the server cannot be reached or a migration fails
    ///   (naming the host and port); `PostgresMigrationError` when the database was migrated
    ///   by a newer build.
    public init(pool: PostgresPool, leaseClock: (@Sendable () -> Int64)? = nil) async throws {
        self.pool = pool
        self.leaseClock = leaseClock
        schemaVersionAtOpen = try await pool.migrate(component: "notification-service", Self.migrations)
    }

    /// Connects, brings the schema to the newest version, and returns the store on a pool of
    /// at most `maxConnections` (what a service calls at start).
    ///
    /// - Throws: ``PostgresError`` of kind `connect` or `connectTimeout` (naming the host and
    ///   port) at once when the server cannot be reached, rather than after the pool's acquire
    ///   timeout; what ``init(pool:leaseClock:)`` throws when the schema cannot be migrated.
    public static func open(configuration: PostgresConfiguration, maxConnections: Int = 4) async throws
        -> PostgresNotificationStore
    {
        await (try await PostgresConnection.connect(configuration)).close()
        let pool = PostgresPool(configuration: configuration, maxConnections: maxConnections)
        do {
            return try await PostgresNotificationStore(pool: pool)
        } catch {
            await pool.close()
            throw error
        }
    }

    /// The lease clock's reading to send, or NULL for the server's clock (see ``leaseNow(_:)``).
    var leaseNowParameter: PostgresValue { PostgresValue(leaseClock?()) }

    /// A common table expression `clock(now)` holding the lease clock's time once for the
    /// statement: parameter `$parameter` when given, else the server's clock. A volatile
    /// function in a CTE is evaluated once, so every row is compared with the same instant.
    static func leaseNow(_ parameter: Int) -> String {
        "clock AS (SELECT coalesce($\(parameter)::int8, \(PostgresServerClock.milliseconds)) AS now)"
    }

    /// Runs one statement on a connection of the pool.
    @discardableResult
    func run(_ statement: PostgresStatement, _ parameters: [PostgresValue]) async throws -> PostgresRows {
        try await withConnection { connection in try await connection.query(statement, parameters) }
    }

    /// Runs `body` on a connection of the pool, and again on another connection while the one
    /// it had turns out lost: the server restarted or shut the session down (SQLSTATE 57P…), or
    /// the socket broke, possibly while the connection sat idle in the pool. After a restart
    /// every idle connection is dead and each failed try discards one, so at most
    /// `maxConnections + 1` tries are made; the last reaches a new connection.
    ///
    /// Running an operation of this store twice is safe: applying is idempotent (a burst whose
    /// commit went through is found duplicate), a claim whose answer was lost leaves leases
    /// that expire, and every call of a claim is fenced by its lease token (a repeated
    /// `finish` finds the lease released and reports it lost, the outcome recorded once).
    nonisolated(nonsending) func withConnection<T>(
        _ body: nonisolated(nonsending) (PostgresConnection) async throws -> T
    ) async throws -> T {
        var tries = 1
        while true {
            do {
                return try await pool.withConnection(body)
            } catch let error as PostgresError where Self.isLostSession(error) && tries <= pool.maxConnections {
                tries += 1
            }
        }
    }

    /// Whether `error` says the connection or its session is gone (the socket broke, or the
    /// server ended the session: SQLSTATE 57P01 admin shutdown, 57P02 crash, 57P03 starting up).
    private static func isLostSession(_ error: PostgresError) -> Bool {
        error.kind == .connectionLost || error.sqlState?.rawValue.hasPrefix("57P") == true
    }

    /// Inserts the device, or moves it to `ownerID` and stores its new form.
    public func registerDevice(_ device: PushDevice, ownerID: String, at milliseconds: Int64) async throws {
        try await run(
            PostgresStatement(
                """
                INSERT INTO notification_service.devices (token, owner_id, registered_ms, device) VALUES ($1, $2, $3, $4)
                ON CONFLICT (token) DO UPDATE SET owner_id = excluded.owner_id, device = excluded.device
                """), [.text(device.key), .text(ownerID), .int(milliseconds), .bytes(try JSONEncoder().encode(device))])
    }

    /// Deletes the device.
    public func unregisterDevice(token: String) async throws -> Bool {
        try await run(PostgresStatement("DELETE FROM notification_service.devices WHERE token = $1"), [.text(token)])
            .affectedRows > 0
    }

    /// Reads a user's devices in key order; a row from before devices had kinds is a token.
    public func devices(ownerID: String) async throws -> [PushDevice] {
        try await run(
            PostgresStatement(
                """
                SELECT token, device FROM notification_service.devices WHERE owner_id = $1 ORDER BY token COLLATE "C"
                """), [.text(ownerID)]
        ).map { row in
            guard let form = try row.decode("device", as: Data?.self) else {
                return .token(try row.decode("token", as: String.self))
            }
            return try JSONDecoder().decode(PushDevice.self, from: form)
        }
    }

    /// Reads every received event in arrival order.
    public func receivedEvents() async throws -> [ReceivedEvent] {
        try await run(
            PostgresStatement("SELECT * FROM notification_service.received_events ORDER BY received_ms, seq"), []
        )
        .map { row in
            ReceivedEvent(
                eventID: try row.decode("event_id"), scheduleID: try row.decode("schedule_id"),
                version: try row.decode("version"), applied: try row.decode("applied"),
                receivedAt: try row.decode("received_ms"))
        }
    }

    /// Reads every event set aside, oldest first.
    public func setAsideEvents() async throws -> [SetAsideEvent] {
        try await run(
            PostgresStatement("SELECT * FROM notification_service.set_aside_events ORDER BY set_aside_ms, seq"), []
        )
        .map { row in
            SetAsideEvent(
                eventID: try row.decode("event_id"), scheduleID: try row.decode("schedule_id"),
                version: try row.decode("version"), reason: try row.decode("reason"),
                setAsideAt: try row.decode("set_aside_ms"))
        }
    }

    /// Reads notifications oldest first.
    public func notifications(ownerID: String?) async throws -> [Pinit_V1_Notification] {
        let rows =
            if let ownerID {
                try await run(
                    PostgresStatement(
                        """
                        SELECT * FROM notification_service.notifications WHERE owner_id = $1 ORDER BY decided_ms, seq
                        """), [.text(ownerID)])
            } else {
                try await run(
                    PostgresStatement("SELECT * FROM notification_service.notifications ORDER BY decided_ms, seq"), [])
            }
        return try rows.map { row in
            var notification = Pinit_V1_Notification()
            notification.notificationId = try row.decode("notification_id")
            notification.scheduleId = try row.decode("schedule_id")
            notification.ownerId = try row.decode("owner_id")
            notification.title = try row.decode("title")
            notification.startTime = Google_Protobuf_Timestamp(milliseconds: try row.decode("start_ms"))
            notification.outcome = Pinit_V1_NotificationOutcome(rawValue: try row.decode("outcome", as: Int32.self))
            notification.reason = try row.decode("reason")
            notification.decidedAt = Google_Protobuf_Timestamp(milliseconds: try row.decode("decided_ms"))
            return notification
        }
    }

    /// Closes the pool without touching the leases held (they expire).
    public func close() async throws {
        await pool.close()
    }
}

import Foundation
import Logging
import PinitProtos
import PostgresClient
import ProtoCodec
import RPCCore

/// ``ScheduleStore`` on a PostgreSQL database that several task-service replicas share.
///
/// Every change commits its schedule row, its outbox event and a `NOTIFY` on
/// ``channel`` together; each store keeps one connection of its own listening to that channel
/// (reconnected with backoff when lost) and signals ``outboxSignal`` for every notification, so
/// the relays of every replica hear of an event as soon as it commits. Relays claim events with
/// `FOR UPDATE SKIP LOCKED` and a lease on the server's clock
/// (``claimEvents(limit:claimant:lease:)``). Idempotent creation rests on the primary key of
/// `create_requests`: the request id is recorded first, with `ON CONFLICT DO NOTHING`, so of two
/// racing retries the second waits for the first to commit and then returns its schedule.
///
/// Statements go through a ``PostgresPool``, which reconnects with backoff after the server
/// restarts; a call made while the server is unreachable waits for it up to the pool's acquire
/// timeout, then fails with UNAVAILABLE (an `RPCError` whose cause is the ``PostgresError``),
/// which the service's clients may retry.
public final class PostgresScheduleStore: ScheduleStore {
    private let pool: PostgresPool
    private let listener: Task<Void, Never>

    /// Signalled for every event committed by any replica (a `NOTIFY` on ``channel``), and once
    /// after the listening connection is made again (events may have committed meanwhile).
    public let outboxSignal = OutboxSignal()

    private init(pool: PostgresPool, listening connection: PostgresConnection, logger: Logger) {
        self.pool = pool
        let signal = outboxSignal
        listener = Task {
            await Self.listen(first: connection, configuration: pool.configuration, signal: signal, logger: logger)
        }
    }

    /// Connects, brings the schema to the current version, and starts listening for commits.
    ///
    /// - Throws: ``PostgresError`` of kind `connect` (naming the host and port) at once when the
    ///   server cannot be reached; ``PostgresMigrationError`` or ``PostgresError`` when the schema
    ///   cannot be migrated.
    public static func open(
        configuration: PostgresConfiguration, maxConnections: Int = 4,
        logger: Logger = Logger(label: "pinit.task-store")
    ) async throws -> PostgresScheduleStore {
        let listening = try await PostgresConnection.connect(configuration)
        let pool = PostgresPool(configuration: configuration, maxConnections: maxConnections)
        do {
            try await pool.migrate(component: "task-service", migrations)
        } catch {
            await listening.close()
            await pool.close()
            throw error
        }
        return PostgresScheduleStore(pool: pool, listening: listening, logger: logger)
    }

    private static let insertSchedule = PostgresStatement(
        "INSERT INTO schedules (id, owner_id, title, start_ms, state, version) VALUES ($1, $2, $3, $4, $5, $6)")
    private static let updateSchedule = PostgresStatement(
        "UPDATE schedules SET owner_id = $2, title = $3, start_ms = $4, state = $5, version = $6 WHERE id = $1")
    private static let insertEvent = PostgresStatement(
        """
        WITH event AS (INSERT INTO outbox (event_id, schedule_id, payload) VALUES ($1, $2, $3) RETURNING 1)
        SELECT pg_notify('\(channel)', '') FROM event
        """)
    private static let recordRequest = PostgresStatement(
        """
        INSERT INTO create_requests (owner_id, request_id, schedule_id, title, start_ms, created_ms)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (owner_id, request_id) DO NOTHING
        """)
    private static let selectRequest = PostgresStatement(
        """
        SELECT create_requests.title AS requested_title, create_requests.start_ms AS requested_start_ms, schedules.*
        FROM create_requests JOIN schedules ON schedules.id = create_requests.schedule_id
        WHERE create_requests.owner_id = $1 AND create_requests.request_id = $2
        """)

    /// Records the request id first (`ON CONFLICT DO NOTHING`); when it was taken, returns the
    /// earlier creation without writing. Without a request id the three statements go in one
    /// pipeline (one round trip, one implicit transaction).
    public func insert(_ change: ScheduleChange, requestID: String?) async throws -> CreateRequestRecord? {
        let schedule = change.schedule
        let event = [
            PostgresValue.text(change.event.eventId), .text(schedule.id), .bytes(Data(change.event.serializedBytes())),
        ]
        guard let requestID else {
            _ = try await withConnection { connection in
                try await connection.pipeline([
                    (Self.insertSchedule.sql, Self.columns(of: schedule)), (Self.insertEvent.sql, event),
                ])
            }
            return nil
        }
        return try await withConnection { connection in
            try await connection.transaction { transaction -> CreateRequestRecord? in
                let recorded = try await transaction.query(
                    Self.recordRequest,
                    [
                        .text(schedule.ownerId), .text(requestID), .text(schedule.id), .text(schedule.title),
                        .int(schedule.startTime?.milliseconds ?? 0), .int(change.event.occurredAt?.milliseconds ?? 0),
                    ])
                // A conflicting request id pruned since the insert looked is forgotten: create anew.
                if recorded.affectedRows == 0,
                    let earlier = try Self.record(
                        from: await transaction.query(Self.selectRequest, [.text(schedule.ownerId), .text(requestID)]))
                {
                    return earlier
                }
                try await transaction.query(Self.insertSchedule, Self.columns(of: schedule))
                try await transaction.query(Self.insertEvent, event)
                return nil
            }
        }
    }

    /// Reads the creation the owner made under `id`, with the schedule as it is now.
    public func createRequest(id: String, ownerID: String) async throws -> CreateRequestRecord? {
        try await withConnection { connection in
            try await Self.record(from: connection.query(Self.selectRequest, [.text(ownerID), .text(id)]))
        }
    }

    private static func record(from rows: PostgresRows) throws -> CreateRequestRecord? {
        guard let row = rows.first else { return nil }
        return CreateRequestRecord(
            schedule: try schedule(from: row), title: try row.decode("requested_title"),
            startMilliseconds: try row.decode("requested_start_ms"))
    }

    /// Deletes, in one transaction, up to `limit` outbox events acknowledged before `cutoff`
    /// and then create request ids recorded before it. Rows another replica's pruning holds are
    /// skipped (`SKIP LOCKED`), so replicas pruning at once neither wait for nor deadlock with
    /// each other.
    public func prune(before cutoff: Int64, limit: Int) async throws -> Int {
        try await withConnection { connection in
            try await connection.transaction { transaction in
                var deleted = try await transaction.query(
                    """
                    DELETE FROM outbox WHERE sequence IN (SELECT sequence FROM outbox
                        WHERE acknowledged_ms IS NOT NULL AND acknowledged_ms < $1 ORDER BY acknowledged_ms LIMIT $2
                        FOR UPDATE SKIP LOCKED)
                    """, [.int(cutoff), .int(Int64(limit))]
                ).affectedRows
                guard deleted < limit else { return deleted }
                deleted += try await transaction.query(
                    """
                    DELETE FROM create_requests WHERE (owner_id, request_id) IN (SELECT owner_id, request_id
                        FROM create_requests WHERE created_ms < $1 ORDER BY created_ms LIMIT $2 FOR UPDATE SKIP LOCKED)
                    """, [.int(cutoff), .int(Int64(limit - deleted))]
                ).affectedRows
                return deleted
            }
        }
    }

    /// Locks the schedule's row (`FOR UPDATE`, so concurrent changes of one schedule commit one
    /// after the other with increasing versions), transitions it, and writes it with its event.
    public func update(
        scheduleID: String, _ transition: @Sendable (Pinit_V1_Schedule) throws -> ScheduleChange
    ) async throws -> Pinit_V1_Schedule? {
        try await withConnection { connection in
            try await connection.transaction { transaction -> Pinit_V1_Schedule? in
                let rows = try await transaction.query(
                    "SELECT * FROM schedules WHERE id = $1 FOR UPDATE", [.text(scheduleID)])
                guard let row = rows.first else { return nil }
                let change = try transition(try Self.schedule(from: row))
                try await transaction.query(Self.updateSchedule, Self.columns(of: change.schedule))
                try await transaction.query(
                    Self.insertEvent,
                    [
                        .text(change.event.eventId), .text(change.schedule.id),
                        .bytes(Data(change.event.serializedBytes())),
                    ])
                return change.schedule
            }
        }
    }

    /// Reads one schedule, after any change to it in progress has committed (`FOR SHARE` waits
    /// for the change's row lock).
    public func schedule(id: String) async throws -> Pinit_V1_Schedule? {
        try await withConnection { connection in
            try await connection.query("SELECT * FROM schedules WHERE id = $1 FOR SHARE", [.text(id)]).first.map(
                Self.schedule(from:))
        }
    }

    /// Reads a user's schedules, earliest start first.
    public func schedules(ownerID: String) async throws -> [Pinit_V1_Schedule] {
        try await withConnection { connection in
            try await connection.query(
                "SELECT * FROM schedules WHERE owner_id = $1 ORDER BY start_ms, id", [.text(ownerID)]
            )
            .map(Self.schedule(from:))
        }
    }

    /// Reads outbox entries not yet acknowledged, in sequence order.
    public func unacknowledgedEvents(after sequence: Int64, limit: Int) async throws -> [OutboxEntry] {
        try await withConnection { connection in
            try await connection.query(
                """
                SELECT sequence, payload, acknowledged_ms FROM outbox WHERE acknowledged_ms IS NULL AND sequence > $1
                ORDER BY sequence LIMIT $2
                """, [.int(sequence), .int(Int64(limit))]
            ).map(Self.entry(from:))
        }
    }

    private static let claim = PostgresStatement(
        """
        UPDATE outbox SET claimed_by = $1, claimed_until_ms = \(PostgresServerClock.milliseconds) + $2
        WHERE sequence IN (SELECT sequence FROM outbox WHERE acknowledged_ms IS NULL
            AND (claimed_until_ms IS NULL OR claimed_until_ms <= \(PostgresServerClock.milliseconds))
            ORDER BY sequence LIMIT $3 FOR UPDATE SKIP LOCKED)
        RETURNING sequence, payload, acknowledged_ms
        """)

    /// Claims in one statement: the rows another claimant is claiming at the same moment are
    /// locked and skipped (`SKIP LOCKED`), and a row whose claim committed meanwhile is
    /// re-checked by the server and left out; leases run on the server's clock.
    public func claimEvents(limit: Int, claimant: String, lease: Duration) async throws -> [OutboxEntry] {
        try await withConnection { connection in
            try await connection.query(
                Self.claim, [.text(claimant), .int(Int64(lease / .milliseconds(1))), .int(Int64(limit))]
            )
            .map(Self.entry(from:)).sorted { $0.sequence < $1.sequence }
        }
    }

    /// Clears the claimant's claims on unacknowledged events.
    public func releaseClaims(claimant: String) async throws {
        _ = try await withConnection { connection in
            try await connection.query(
                """
                UPDATE outbox SET claimed_by = NULL, claimed_until_ms = NULL WHERE claimed_by = $1 AND acknowledged_ms IS NULL
                """, [.text(claimant)])
        }
    }

    private static let acknowledgeEvents = PostgresStatement(
        "UPDATE outbox SET acknowledged_ms = $1 WHERE event_id = ANY($2::text[]) AND acknowledged_ms IS NULL")

    /// Stamps the events acknowledged in one statement; they stay in the outbox for audits
    /// until the retention prunes them.
    public func acknowledge(eventIDs: [String], at milliseconds: Int64) async throws {
        guard !eventIDs.isEmpty else { return }
        _ = try await withConnection { connection in
            try await connection.query(Self.acknowledgeEvents, [.int(milliseconds), Self.textArray(eventIDs)])
        }
    }

    /// Reads the whole outbox in sequence order.
    public func allEvents() async throws -> [OutboxEntry] {
        try await withConnection { connection in
            try await connection.query("SELECT sequence, payload, acknowledged_ms FROM outbox ORDER BY sequence")
                .map(Self.entry(from:))
        }
    }

    /// Runs `body` with a pooled connection; a failure to reach the server (or a session it
    /// ended) becomes UNAVAILABLE.
    nonisolated(nonsending) private func withConnection<T>(
        _ body: nonisolated(nonsending) (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await pool.withConnection(body)
        } catch let error as PostgresError where Self.isUnavailable(error) {
            throw RPCError(code: .unavailable, message: "the database is unavailable", cause: error)
        }
    }

    /// Whether `error` says the server could not be reached or ended the session (SQLSTATE
    /// classes 08, connection exception, and 57, operator intervention such as a shutdown),
    /// rather than refusing a statement.
    static func isUnavailable(_ error: PostgresError) -> Bool {
        switch error.kind {
        case .connect, .connectTimeout, .connectionLost, .poolTimeout: true
        case .server, .unsupported: ["08", "57"].contains(error.sqlState?.errorClass ?? "")
        }
    }

    /// Stops listening and closes the pool's connections.
    public func close() async throws {
        listener.cancel()
        await listener.value
        await pool.close()
    }
}

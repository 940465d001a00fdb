import Foundation
@testable import NotificationService
import PinitProtos
import PostgresClient
import ProtocSupport
import Testing

/// What only the PostgreSQL store has to show: its migrations, what PostgreSQL refuses,
/// and several replicas on one database.
@Suite("PostgreSQL notification store", .sharedTemporaryPostgres)
struct PostgresNotificationStoreTests {
    /// A pool on a fresh database of the suite's cluster.
    private func freshPool() async throws -> PostgresPool {
        PostgresPool(
            configuration: try PostgresConfiguration(url: try await StoreKind.postgres.newLocation()), maxConnections: 2
        )
    }

    /// The schema versions recorded for the notification service.
    private func recordedVersions(_ pool: PostgresPool) async throws -> [Int] {
        try await pool.withConnection { connection in
            try await connection.query(
                "SELECT version FROM schema_migrations WHERE component = 'notification-service' ORDER BY version"
            ).map { try $0.decode("version", as: Int.self) }
        }
    }

    @Test("two replicas opening an empty database at once: one migrates from nothing, the other finds it done")
    func migrationsFromEmpty() async throws {
        let configuration = try PostgresConfiguration(url: try await StoreKind.postgres.newLocation())
        async let first = PostgresNotificationStore.open(configuration: configuration, maxConnections: 1)
        async let second = PostgresNotificationStore.open(configuration: configuration, maxConnections: 1)
        let stores = try await [first, second]
        #expect(stores.map(\.schemaVersionAtOpen).sorted() == [0, PostgresNotificationStore.migrations.count])
        #expect(try await recordedVersions(stores[0].pool) == Array(1...PostgresNotificationStore.migrations.count))
        #expect(try await stores[1].apply(event("e1", version: 1), at: 0) == .applied)
        #expect(try await stores[0].apply(event("e1", version: 1), at: 0) == .duplicate)
        for store in stores { try await store.close() }
    }

    @Test("opening on a server that does not answer fails at once, naming the host and port")
    func unreachable() async throws {
        let (descriptor, port) = try bindLoopbackPort()
        defer { close(descriptor) }
        let configuration = try PostgresConfiguration(url: "postgres://pinit@127.0.0.1:\(port)/pinit?sslmode=disable")
        let started = ContinuousClock.now
        do {
            _ = try await PostgresNotificationStore.open(configuration: configuration)
            Issue.record("the store opened without a server")
        } catch let error as PostgresError {
            #expect(error.kind == .connect && "\(error)".contains("127.0.0.1:\(port)"), "\(error)")
        }
        #expect(started.duration(to: .now) < .seconds(5), "not after the pool's acquire timeout (10 s)")
    }

    @Test("a database at the previous schema version, with state in it, is migrated at open and keeps its state")
    func migrationFromPreviousVersion() async throws {
        let pool = try await freshPool()
        let previous = Array(PostgresNotificationStore.migrations.dropLast())
        try await pool.migrate(component: "notification-service", previous)
        try await pool.withConnection { connection in
            try await connection.query(
                """
                INSERT INTO notification_service.received_events (event_id, schedule_id, version, applied, received_ms)
                VALUES ('e1', 's1', 1, true, 0)
                """)
            try await connection.query(
                """
                INSERT INTO notification_service.schedules (id, owner_id, title, start_ms, state, version)
                VALUES ('s1', 'alice', 'title of s1', 10000, 0, 1)
                """)
            try await connection.query(
                """
                INSERT INTO notification_service.jobs (schedule_id, notification_id, due_ms, pending, version)
                VALUES ('s1', 'ntf-s1-10000', 10000, true, 1)
                """)
        }
        let store = try await PostgresNotificationStore(pool: pool)
        #expect(store.schemaVersionAtOpen == previous.count)
        #expect(try await recordedVersions(pool) == Array(1...PostgresNotificationStore.migrations.count))
        #expect(try await store.apply(event("e1", version: 1), at: 5) == .duplicate)
        let due = try await store.claimDueJobs(worker: "w", now: 10_000, leaseMilliseconds: 1_000, limit: 10)
        #expect(due.map(\.notificationID) == ["ntf-s1-10000"])
        try await store.close()
    }

    @Test(
        "text PostgreSQL cannot hold (U+0000) sets the event aside before anything is written; the rest of the burst applies"
    )
    func nulCharacter() async throws {
        let store = try await PostgresNotificationStore(pool: try await freshPool())
        var bad = event("bad", schedule: "s2", version: 1)
        bad.title = "before\u{0}after"
        let results = try await store.apply(
            [event("e1", version: 1), bad, event("e2", schedule: "s3", version: 1)], at: 7)
        #expect(results[0] == .applied && results[2] == .applied)
        guard case .setAside(let reason) = results[1] else {
            Issue.record("not set aside: \(results[1])")
            return
        }
        #expect(reason.contains("title contains U+0000"))
        #expect(try await store.apply(bad, at: 8) == .duplicate)
        #expect(try await store.receivedEvents().map(\.eventID) == ["e1", "e2"])
        try await store.close()
    }

    @Test(
        "values the server refuses (a CHECK constraint) set that event aside; the burst still commits as one transaction"
    )
    func refusedValues() async throws {
        let pool = try await freshPool()
        let store = try await PostgresNotificationStore(pool: pool)
        _ = try await pool.withConnection { connection in
            try await connection.query(
                "ALTER TABLE notification_service.schedules ADD CONSTRAINT short_title CHECK (length(title) < 40)")
        }
        var long = event("long", schedule: "s2", version: 1)
        long.title = String(repeating: "x", count: 50)
        let burst = [event("e1", version: 1), long, event("e2", schedule: "s3", version: 1), long]
        let results = try await store.apply(burst, at: 3)
        #expect(results[0] == .applied && results[2] == .applied && results[3] == .duplicate, "\(results)")
        guard case .setAside(let reason) = results[1] else {
            Issue.record("not set aside: \(results[1])")
            return
        }
        #expect(reason.contains("23514") && reason.contains("short_title"), "\(reason)")
        #expect(try await store.receivedEvents().map(\.eventID) == ["e1", "e2"])
        #expect(try await store.setAsideEvents().map(\.eventID) == ["long"])
        let transactions = try await pool.withConnection { connection in
            try await connection.query(
                """
                SELECT count(DISTINCT xmin::text) AS n FROM (
                    SELECT xmin FROM notification_service.received_events
                    UNION ALL SELECT xmin FROM notification_service.set_aside_events) AS written
                """)[0].decode("n", as: Int.self)
        }
        #expect(transactions == 1)
        try await store.close()
    }
}

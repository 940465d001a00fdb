import Foundation
import InProcessTransport
import Logging
import PinitProtos
import PostgresClient
import ProtocSupport
import RPCCore
import Synchronization
@testable import TaskService
import Testing

@Suite("PostgreSQL schedule store: schema, replicas, restarts", .temporaryPostgres, .serialized)
struct PostgresScheduleStoreTests {
    private func newDatabase() async throws -> PostgresConfiguration {
        let cluster = try #require(TemporaryPostgres.current)
        return try PostgresConfiguration(url: try await cluster.createDatabase())
    }

    @Test("an empty database is migrated to the last version; opening it again migrates nothing")
    func migrateFromEmpty() async throws {
        let configuration = try await newDatabase()
        let store = try await PostgresScheduleStore.open(configuration: configuration)
        try await store.close()
        let pool = PostgresPool(configuration: configuration)
        let versions = try await pool.withConnection { connection in
            try await connection.query(
                "SELECT version FROM schema_migrations WHERE component = 'task-service' ORDER BY version"
            )
            .map { try $0.decode("version", as: Int.self) }
        }
        #expect(versions == Array(1...PostgresScheduleStore.migrations.count))
        let reopened = try await PostgresScheduleStore.open(configuration: configuration)
        #expect(
            try await pool.migrate(component: "task-service", PostgresScheduleStore.migrations)
                == PostgresScheduleStore.migrations.count, "nothing was left to migrate")
        try await reopened.close()
        await pool.close()
    }

    @Test(
        "a database at the previous version keeps its rows: an event written before claims existed is claimed and read")
    func migrateFromPreviousVersion() async throws {
        let configuration = try await newDatabase()
        let pool = PostgresPool(configuration: configuration)
        let previous = Array(PostgresScheduleStore.migrations.dropLast())
        #expect(try await pool.migrate(component: "task-service", previous) == 0)
        let change = try creations(1)[0]
        try await pool.withConnection { connection in
            _ = try await connection.pipeline([
                (
                    "INSERT INTO schedules (id, owner_id, title, start_ms, state, version) VALUES ($1, $2, $3, $4, $5, $6)",
                    PostgresScheduleStore.columns(of: change.schedule)
                ),
                (
                    "INSERT INTO outbox (event_id, schedule_id, payload) VALUES ($1, $2, $3)",
                    [
                        .text(change.event.eventId), .text(change.schedule.id),
                        .bytes(Data(change.event.serializedBytes())),
                    ]
                ),
            ])
        }
        await pool.close()
        let store = try await PostgresScheduleStore.open(configuration: configuration)
        #expect(try await store.schedule(id: change.schedule.id) == change.schedule)
        let claimed = try await store.claimEvents(limit: 10, claimant: "r", lease: .seconds(60))
        #expect(claimed.map(\.event) == [change.event])
        try await store.close()
    }

    @Test(
        "two replicas' relays racing for one outbox deliver every event exactly once, woken by NOTIFY (polling set to 30 s)",
        .timeLimit(.minutes(1)))
    func racingRelays() async throws {
        let configuration = try await newDatabase()
        let stores = [
            try await PostgresScheduleStore.open(configuration: configuration),
            try await PostgresScheduleStore.open(configuration: configuration),
        ]
        let changes = try creations(120)
        for change in changes.prefix(60) { try await stores[0].insert(change) }
        let service = FlakyNotificationService(acknowledgedBeforeFailure: 0, failingStreams: 0)
        try await relaying(stores, to: service, logger: Logger(label: "test")) {
            for (index, change) in changes.dropFirst(60).enumerated() { try await stores[index % 2].insert(change) }
        }
        let received = service.streams.withLock { $0 }
        let ids = received.flatMap { $0 }.map(\.eventId)
        #expect(ids.count == changes.count, "no event sent twice")
        #expect(Set(ids) == Set(changes.map(\.event.eventId)))
        for store in stores { try await store.close() }
    }

    @Test(
        "a database restart in the middle of a relay: every committed event is delivered, the relay resumes and logs a failure at most once",
        .timeLimit(.minutes(1)))
    func restartDuringRelay() async throws {
        let cluster = try #require(TemporaryPostgres.current)
        let configuration = try await newDatabase()
        let store = try await PostgresScheduleStore.open(configuration: configuration)
        // Every claim and ack (UPDATEs of the outbox) takes 100 ms, so that the restart
        // interrupts one of the relay's statements rather than falling between two.
        let setup = try await PostgresConnection.connect(configuration)
        try await setup.query(
            """
            CREATE FUNCTION slow_update() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.1); RETURN NULL; END $$
            """)
        try await setup.query(
            "CREATE TRIGGER slow_update BEFORE UPDATE ON outbox FOR EACH STATEMENT EXECUTE FUNCTION slow_update()")
        await setup.close()
        let service = FlakyNotificationService(acknowledgedBeforeFailure: 0, failingStreams: 0)
        let lines = RecordingLogHandler.Lines()
        try await relaying([store], to: service, logger: RecordingLogHandler.logger(recordingInto: lines)) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    // Commits keep coming before, during and after the restart; one that fails
                    // with the connection may or may not have committed: the outbox says.
                    for change in try creations(150) {
                        try? await store.insert(change)
                        try await Task.sleep(for: .milliseconds(10))
                    }
                }
                try await Task.sleep(for: .milliseconds(700))
                try await cluster.restart()
                try await group.waitForAll()
            }
        }
        let committed = Set(try await store.allEvents().map(\.event.eventId))
        #expect(committed.count > 100)
        let received = Set(service.streams.withLock { $0 }.flatMap { $0 }.map(\.eventId))
        #expect(received == committed, "lost: \(committed.subtracting(received).sorted())")
        // The pool may absorb the restart (a claim that starts after it gets a new connection);
        // when the relay does fail, it says so once and then that it works again.
        let failures = lines.all.filter { $0.contains("event stream failed") }
        #expect(failures.count <= 1, "\(failures)")
        #expect(failures.isEmpty || lines.all.contains { $0.contains("event stream working again") })
        try await store.close()
    }

    @Test(
        "an event committed without a NOTIFY (a lost signal) is still relayed by the fallback poll",
        .timeLimit(.minutes(1)))
    func fallbackPoll() async throws {
        let configuration = try await newDatabase()
        let store = try await PostgresScheduleStore.open(configuration: configuration)
        let service = FlakyNotificationService(acknowledgedBeforeFailure: 0, failingStreams: 0)
        let change = try creations(1)[0]
        let began = ContinuousClock.now
        try await relaying([store], to: service, logger: Logger(label: "test"), outboxPollInterval: .milliseconds(300))
        {
            try await Task.sleep(for: .milliseconds(200))
            let connection = try await PostgresConnection.connect(configuration)
            try await connection.query(
                "INSERT INTO outbox (event_id, schedule_id, payload) VALUES ($1, $2, $3)",
                [.text(change.event.eventId), .text(change.schedule.id), .bytes(Data(change.event.serializedBytes()))])
            await connection.close()
        }
        #expect(began.duration(to: .now) < .seconds(10))
        #expect(service.streams.withLock { $0 }.flatMap { $0 }.map(\.eventId) == [change.event.eventId])
        try await store.close()
    }

    @Test(
        "a call the database cannot serve (here: the store was closed) ends with UNAVAILABLE, caused by the PostgresError"
    )
    func unavailable() async throws {
        let store = try await PostgresScheduleStore.open(configuration: try await newDatabase())
        try await store.close()
        do {
            _ = try await store.schedule(id: "s")
            Issue.record("a closed store answered")
        } catch let error as RPCError {
            #expect(error.code == .unavailable)
            #expect(error.cause is PostgresError, "\(error)")
        }
    }

    /// Runs one relay per store against `service` while `body` runs, until every event in the
    /// outbox is acknowledged (or 20 s passed), then stops them. Polling is slow (30 s) unless
    /// `outboxPollInterval` says otherwise, so that a prompt delivery shows the NOTIFY worked.
    private func relaying(
        _ stores: [PostgresScheduleStore], to service: FlakyNotificationService, logger: Logger,
        outboxPollInterval: Duration = .seconds(30), while body: () async throws -> Void
    ) async throws {
        try await withNotificationClient(service) { client in
            let relays = stores.map { store in
                ScheduleEventRelay(
                    store: store, client: client, window: 16, outboxPollInterval: outboxPollInterval,
                    backoff: RetryBackoff(initial: .milliseconds(50), maximum: .milliseconds(500)), logger: logger)
            }
            try await relay(relays, until: stores[0], while: body)
        }
    }
}

import Foundation
import GRDB
import InProcessTransport
@testable import NotificationService
import PinitProtos
import PostgresClient
import ProtocSupport
import RPCCore
import Testing

@Suite("Event bursts: one transaction per burst", .sharedTemporaryPostgres)
struct EventBurstTests {
    @Test(
        "the notification store commits in WAL mode with synchronous = FULL (an acknowledged apply survives power loss)"
    )
    func walWithFullSync() async throws {
        let store = try SQLiteNotificationStore(directory: try TemporaryPath.directory("pinit-test"))
        let (journal, synchronous) = try await store.database.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "2 is FULL; GRDB's WAL setup leaves 1 (NORMAL)")
        try await store.close()
    }

    @Test(
        "a burst of events is one commit, with per-event idempotency and per-schedule version order as when applied one by one",
        arguments: StoreKind.allCases)
    func burstIsOneCommit(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let commits = try eventCommits(in: store)
        let burst = [
            event("a1", schedule: "a", version: 1),
            event("a2", schedule: "a", version: 2, start: 20_000, kind: .rescheduled),
            event("a1", schedule: "a", version: 1),
            event("b2", schedule: "b", version: 2, state: .canceled, kind: .canceled),
            event("b1", schedule: "b", version: 1),
        ]
        let results = try await store.apply(burst, at: 0)
        #expect(results == [.applied, .applied, .duplicate, .applied, .stale])
        #expect(try await commits() == 1)
        let due = try await store.claimDueJobs(worker: "w", now: 30_000, leaseMilliseconds: 1, limit: 10)
        #expect(due.map(\.notificationID) == ["ntf-a-20000"])
        try await store.close()
    }

    @Test(
        "through the handler, throughput follows commits per burst, not per event (printed)",
        arguments: StoreKind.allCases)
    func throughputFollowsBursts(_ kind: StoreKind) async throws {
        let count = 300
        let oneByOne = try await stream(count: count, waitingForEachAck: true, to: kind)
        let pipelined = try await stream(count: count, waitingForEachAck: false, to: kind)
        #expect(oneByOne.commits == count, "one event in flight: one commit each")
        #expect(pipelined.commits <= count / 8, "pipelined: \(pipelined.commits) commits for \(count) events")
        print(
            String(
                format:
                    "SyncEvents on \(kind): one at a time %.0f events/s (%d commits), pipelined %.0f events/s (%d commits), ratio %.1f",
                oneByOne.rate, oneByOne.commits, pipelined.rate, pipelined.commits, pipelined.rate / oneByOne.rate))
    }

    /// Streams `count` events to a real handler and store; returns events/s and commits.
    private func stream(count: Int, waitingForEachAck: Bool, to kind: StoreKind) async throws -> (
        rate: Double, commits: Int
    ) {
        let store = try await kind.makeStore()
        let commits = try eventCommits(in: store)
        let serverTransport = InProcessServerTransport()
        var router = RPCRouter<InProcessServerTransport>()
        NotificationServiceHandler(store: store).registerMethods(with: &router)
        let server = RPCServer(transport: serverTransport, router: router)
        let client = RPCClient(transport: InProcessClientTransport(server: serverTransport))
        let events = (0..<count).map { event("e\($0)", schedule: "s\($0)", version: 1) }
        let acknowledged = AsyncStream<Void>.makeStream()
        let start = ContinuousClock.now
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.serve() }
            group.addTask { try await client.run() }
            let request = StreamingClientRequest<Pinit_V1_ScheduleEvent> { writer in
                var acks = acknowledged.stream.makeAsyncIterator()
                for item in events {
                    try await writer.write(item)
                    if waitingForEachAck { _ = await acks.next() }
                }
                if !waitingForEachAck { for _ in 0..<count { _ = await acks.next() } }
            }
            try await Pinit_V1_NotificationService.Client(wrapping: client).syncEvents(request) { response in
                for try await _ in response.messages { acknowledged.continuation.yield() }
            }
            client.beginGracefulShutdown()
            server.beginGracefulShutdown()
            try await group.waitForAll()
        }
        let elapsed = start.duration(to: .now)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        #expect(try await store.receivedEvents().count == count)
        let committed = try await commits()
        try await store.close()
        return (Double(count) / seconds, committed)
    }

    /// Counts the transactions that commit events to `store` from now on: a GRDB observer
    /// for SQLite; for PostgreSQL, the transaction ids (`xmin`) of the received event rows,
    /// one per committed transaction that wrote any (the store must hold none yet).
    private func eventCommits(in store: any NotificationStore) throws -> @Sendable () async throws -> Int {
        if let sqlite = store as? SQLiteNotificationStore {
            let counter = CommitCounter()
            sqlite.database.add(transactionObserver: counter)
            return { counter.count }
        }
        let pool = try #require(store as? PostgresNotificationStore).pool
        return {
            try await pool.withConnection { connection in
                try await connection.query(
                    """
                    SELECT count(DISTINCT xmin::text) AS n FROM notification_service.received_events
                    """)[0].decode("n", as: Int.self)
            }
        }
    }
}

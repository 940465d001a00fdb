import Foundation
import GRDB
@testable import TaskService
import Testing
import ProtocSupport

@Suite("Durable commits")
struct CommitDurabilityTests {
    @Test("the schedule store commits in WAL mode with synchronous = FULL (a commit survives power loss)")
    func walWithFullSync() async throws {
        let store = try SQLiteScheduleStore(directory: try TemporaryPath.directory("pinit-test"))
        let (journal, synchronous) = try await store.database.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal == "wal")
        #expect(synchronous == 2, "2 is FULL; GRDB's WAL setup leaves 1 (NORMAL)")
        try await store.close()
    }

    /// Prints commits per second of the store against the rollback journal it used before (the
    /// same schema and inserts in one run): a measurement, never an assertion on time.
    @Test("commit rate: WAL + FULL against the rollback journal (printed)")
    func commitRate() async throws {
        let count = 200
        let changes = try (0..<count).map { index in
            try ScheduleRules.create(
                id: "s\(index)", ownerID: "alice", title: "t", startMilliseconds: 60_000, now: 0, eventID: "e\(index)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        let rollback = try DatabaseQueue(
            path: try TemporaryPath.directory("pinit-test").appendingPathComponent("tasks.sqlite").path,
            configuration: configuration)
        try SQLiteScheduleStore.migrator.migrate(rollback)
        let rollbackRate = try await rate(count) { index in
            try await rollback.write { db in try SQLiteScheduleStore.save(changes[index], in: db, isNew: true) }
        }
        try rollback.close()
        let store = try SQLiteScheduleStore(directory: try TemporaryPath.directory("pinit-test"))
        let walRate = try await rate(count) { index in try await store.insert(changes[index]) }
        try await store.close()
        print(
            String(
                format: "commit rate: rollback journal (FULL) %.0f/s, WAL (FULL) %.0f/s, ratio %.2f",
                rollbackRate, walRate, walRate / rollbackRate))
    }

    private func rate(_ count: Int, _ commit: (Int) async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        for index in 0..<count { try await commit(index) }
        let elapsed = start.duration(to: .now)
        return Double(count) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

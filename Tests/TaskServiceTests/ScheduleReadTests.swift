import Foundation
import PinitProtos
import ProtocSupport
import Synchronization
import TaskService
import Testing

/// The read the notification service confirms a push with: it waits for a change to the
/// schedule in progress, so a start committed after the read was stamped after it too.
@Suite("Reading a schedule while it changes", .sharedTemporaryPostgres)
struct ScheduleReadTests {
    /// Set once the change holds the schedule.
    private final class Entered: Sendable {
        let flag = Atomic<Bool>(false)
    }

    @Test("a read during a change in progress waits for it and sees the change", arguments: StoreKind.allCases)
    func readWaitsForChangeInProgress(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.insert(try creations(1)[0])
        let entered = Entered()
        async let changed = store.update(scheduleID: "s0") { current in
            entered.flag.store(true, ordering: .releasing)
            usleep(300_000)
            return try ScheduleRules.apply(.start, to: current, now: 1, eventID: "e-start")
        }
        while !entered.flag.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(5)) }
        let read = try await store.schedule(id: "s0")
        #expect(read?.state == .started)
        #expect(try await changed?.state == .started)
        try await store.close()
    }
}

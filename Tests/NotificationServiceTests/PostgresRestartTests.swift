import Foundation
import Logging
import NotificationService
import PinitProtos
import PostgresClient
import ProtocSupport
import Testing

/// A PostgreSQL restart under a running notification service. The suite has a cluster of its
/// own: a restart would break every other suite's connections.
@Suite("PostgreSQL restarts under the notification service", .temporaryPostgres)
struct PostgresRestartUnderSchedulerTests {
    @Test(
        "a database restart in the middle: nothing applied is lost, the scheduler carries on after reconnecting and logs the failure at most once",
        .timeLimit(.minutes(1)))
    func restartInTheMiddle() async throws {
        let cluster = try #require(TemporaryPostgres.current)
        let store = try await StoreKind.postgres.makeStore()
        let wall = ManualClock()
        wall.set(5_000)
        let peer = try TaskServicePeer(clock: { 0 })
        let before = try await dueSchedules(10, at: peer, in: store)
        var later: [String] = []
        for _ in 0..<10 {
            let schedule = try await peer.create("alice", start: 20_000)
            later.append(NotificationJob.notificationID(scheduleID: schedule.id, start: 20_000))
        }
        let lines = RecordingLogHandler.Lines()
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "w", pollInterval: .milliseconds(10),
            logger: RecordingLogHandler.logger(recordingInto: lines), clock: wall.read)
        let running = Task { await scheduler.run() }
        try await waitForNotifications(before.count, in: store)

        async let relayed: Void = peer.relay(to: store)
        try await cluster.restart()
        try await relayed
        wall.set(20_000)

        try await waitForNotifications(before.count + later.count, in: store)
        scheduler.stop()
        await running.value
        #expect(sender.keys.sorted() == (before + later).sorted(), "every notification pushed once")
        #expect(try await store.receivedEvents().count == before.count + later.count)
        let failures = lines.all.filter { $0.contains("claiming due jobs failed") }
        #expect(failures.count <= 1, "\(lines.all)")
        #expect(lines.all.filter { $0.contains("works again") }.count == failures.count, "\(lines.all)")
        try await peer.stop()
        try await store.close()
    }
}

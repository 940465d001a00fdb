import Logging
import NotificationService
import PinitProtos
import ProtocSupport
import RPCCore
import Synchronization
import Testing

@Suite("Notification scheduler")
struct NotificationSchedulerTests {
    /// A clock tests move by hand.
    final class ManualClock: Sendable {
        let now = Mutex<Int64>(0)
        func read() -> Int64 { now.withLock { $0 } }
        func set(_ value: Int64) { now.withLock { $0 = value } }
    }

    @Test("two workers racing over the same due jobs send each push once")
    func twoWorkers() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        for index in 0..<20 { _ = try await store.apply(event("e\(index)", schedule: "s\(index)", version: 1, start: 1_000), at: 0) }
        let sender = RecordingPushSender()
        let clock = ManualClock()
        clock.set(5_000)
        let workers = ["a", "b"].map {
            NotificationScheduler(store: store, sender: sender, worker: $0, lease: .seconds(30), clock: clock.read)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask { for _ in 0..<5 { _ = try await worker.sendDueNotifications() } }
            }
            try await group.waitForAll()
        }
        #expect(sender.keys.count == 20)
        #expect(Set(sender.keys).count == 20)
        try await store.close()
    }

    @Test("a crashed worker's job is sent by another worker only after its lease expires")
    func crashedWorker() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        let crashed = try await store.claimDueJobs(worker: "crashed", now: 1_000, leaseMilliseconds: 10_000, limit: 10)
        #expect(crashed.count == 1)
        let sender = RecordingPushSender()
        let clock = ManualClock()
        let survivor = NotificationScheduler(store: store, sender: sender, worker: "survivor", clock: clock.read)
        clock.set(10_999)
        #expect(try await survivor.sendDueNotifications().isEmpty)
        clock.set(11_000)
        #expect(try await survivor.sendDueNotifications().count == 1)
        #expect(try await store.finish(crashed[0], worker: "crashed", outcome: .sent, reason: "", at: 11_001) == false)
        #expect(sender.keys == ["ntf-s1-1000"])
        try await store.close()
    }

    @Test("a user with no device gets a suppressed notification with reason \"no device\"")
    func noDevice() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        _ = try await store.apply(event("e1", owner: "carol", version: 1, start: 1_000), at: 0)
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(store: store, sender: sender, worker: "w", clock: { 2_000 })
        _ = try await scheduler.sendDueNotifications()
        let recorded = try await store.notifications(ownerID: "carol")
        #expect(recorded.map(\.outcome) == [.suppressed])
        #expect(recorded.first?.reason == "no device")
        #expect(sender.keys.isEmpty)
        try await store.close()
    }

    @Test("a token the provider reports unregistered is removed")
    func unregisteredToken() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        try await store.registerDevice(token: "old", ownerID: "alice", at: 0)
        try await store.registerDevice(token: "new", ownerID: "alice", at: 0)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        let scheduler = NotificationScheduler(
            store: store, sender: RecordingPushSender(unregistered: ["old"]), worker: "w", clock: { 2_000 })
        _ = try await scheduler.sendDueNotifications()
        #expect(try await store.deviceTokens(ownerID: "alice") == ["new"])
        try await store.close()
    }

    /// A provider that is down.
    struct FailingPushSender: PushSender {
        func send(_ push: Push) async throws -> PushReceipt {
            throw RPCError(code: .unavailable, message: "push provider down")
        }
    }

    /// Runs `scheduler` for 5 s, then cancels it; returns the CPU time used meanwhile.
    private func runFor5Seconds(_ scheduler: NotificationScheduler, lines: RecordingLogHandler.Lines) async throws -> Duration {
        let running = Task { await scheduler.run() }
        let cpuBefore = processCPUTime()
        try await Task.sleep(for: .seconds(5))
        let cpu = processCPUTime() - cpuBefore
        let logged = lines.all.count
        running.cancel()
        let cancelled = ContinuousClock.now
        await running.value
        #expect(cancelled.duration(to: .now) < .seconds(1), "the scheduler ended promptly once cancelled")
        #expect(lines.all.count == logged, "cancellation logged nothing: \(lines.all)")
        return cpu
    }

    @Test("a store that fails every pass for 5 s is retried with backoff: a few log lines, little CPU, no spin",
          .timeLimit(.minutes(1)))
    func failingStoreBacksOff() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        try await store.close()
        let lines = RecordingLogHandler.Lines()
        let scheduler = NotificationScheduler(
            store: store, sender: RecordingPushSender(), worker: "w", logger: RecordingLogHandler.logger(recordingInto: lines))
        let cpu = try await runFor5Seconds(scheduler, lines: lines)
        #expect(lines.count(atLeast: .error) >= 1 && lines.all.count <= 6, "lines in 5 s: \(lines.all)")
        #expect(cpu < .seconds(1), "CPU used while failing: \(cpu)")
    }

    @Test("a push provider that fails every try for 5 s logs a few lines, not one per try", .timeLimit(.minutes(1)))
    func failingPushesLogFewLines() async throws {
        let store = try SQLiteNotificationStore(directory: try temporaryDirectory())
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        let lines = RecordingLogHandler.Lines()
        let scheduler = NotificationScheduler(
            store: store, sender: FailingPushSender(), worker: "w", lease: .milliseconds(50),
            logger: RecordingLogHandler.logger(recordingInto: lines))
        let cpu = try await runFor5Seconds(scheduler, lines: lines)
        #expect(lines.count(atLeast: .warning) >= 1 && lines.all.count <= 8, "lines in 5 s: \(lines.all)")
        #expect(cpu < .seconds(1), "CPU used while failing: \(cpu)")
        try await store.close()
    }
}

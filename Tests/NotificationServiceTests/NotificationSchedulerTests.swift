import Logging
import NotificationService
import PinitProtos
import ProtocSupport
import RPCCore
import Testing

@Suite("Notification scheduler", .sharedTemporaryPostgres)
struct NotificationSchedulerTests {
    /// A notification store that received `count` schedules due at 1 s from a real task service.
    private func store(
        on kind: StoreKind, owners: [String], devices: [String: [String]] = [:]
    ) async throws -> (TaskServicePeer, any NotificationStore, [Pinit_V1_Schedule]) {
        let peer = try TaskServicePeer(clock: { 0 })
        let store = try await kind.makeStore()
        for (owner, tokens) in devices {
            for token in tokens { try await store.registerDevice(token: token, ownerID: owner, at: 0) }
        }
        var schedules: [Pinit_V1_Schedule] = []
        for owner in owners { schedules.append(try await peer.create(owner, start: 1_000)) }
        try await peer.relay(to: store)
        return (peer, store, schedules)
    }

    @Test("two workers racing over the same due jobs send each push once", arguments: StoreKind.allCases)
    func twoWorkers(_ kind: StoreKind) async throws {
        let (peer, store, _) = try await store(
            on: kind, owners: Array(repeating: "alice", count: 20), devices: ["alice": ["t-alice"]])
        let sender = RecordingPushSender()
        let workers = ["a", "b"].map {
            NotificationScheduler(
                store: store, sender: sender, confirmation: peer.confirmation, worker: $0, lease: .seconds(30),
                clock: { 5_000 })
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in workers {
                group.addTask { for _ in 0..<5 { _ = try await worker.sendDueNotifications() } }
            }
            try await group.waitForAll()
        }
        #expect(sender.keys.count == 20)
        #expect(Set(sender.keys).count == 20)
        try await peer.stop()
        try await store.close()
    }

    @Test(
        "a crashed worker's job is sent by another worker only after its lease expires", arguments: StoreKind.allCases)
    func crashedWorker(_ kind: StoreKind) async throws {
        let leaseClock = ManualClock()
        let peer = try TaskServicePeer(clock: { 0 })
        let store = try await kind.makeStore(leaseClock: leaseClock)
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        let schedule = try await peer.create("alice", start: 1_000)
        try await peer.relay(to: store)
        let crashed = try await store.claimDueJobs(worker: "crashed", now: 1_000, leaseMilliseconds: 10_000, limit: 10)
        #expect(crashed.count == 1)
        let sender = RecordingPushSender()
        let survivor = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "survivor", clock: { 1_000 })
        leaseClock.set(9_999)
        #expect(try await survivor.sendDueNotifications().isEmpty)
        leaseClock.set(10_000)
        #expect(try await survivor.sendDueNotifications().count == 1)
        #expect(try await store.finish(crashed[0], outcome: .sent, reason: "", at: 11_001) == false)
        #expect(sender.keys == [NotificationJob.notificationID(scheduleID: schedule.id, start: 1_000)])
        try await peer.stop()
        try await store.close()
    }

    @Test(
        "a user with no device gets a suppressed notification with reason \"no device\"", arguments: StoreKind.allCases)
    func noDevice(_ kind: StoreKind) async throws {
        let (peer, store, _) = try await store(on: kind, owners: ["carol"])
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "w", clock: { 2_000 })
        _ = try await scheduler.sendDueNotifications()
        let recorded = try await store.notifications(ownerID: "carol")
        #expect(recorded.map(\.outcome) == [.suppressed])
        #expect(recorded.first?.reason == "no device")
        #expect(sender.keys.isEmpty)
        try await peer.stop()
        try await store.close()
    }

    @Test("a token the provider reports unregistered is removed", arguments: StoreKind.allCases)
    func unregisteredToken(_ kind: StoreKind) async throws {
        let (peer, store, _) = try await store(on: kind, owners: ["alice"], devices: ["alice": ["old", "new"]])
        let scheduler = NotificationScheduler(
            store: store, sender: RecordingPushSender(unregistered: ["old"]), confirmation: peer.confirmation,
            worker: "w",
            clock: { 2_000 })
        _ = try await scheduler.sendDueNotifications()
        #expect(try await store.deviceTokens(ownerID: "alice") == ["new"])
        try await peer.stop()
        try await store.close()
    }

    /// A provider that is down.
    struct FailingPushSender: PushSender {
        func send(_ push: Push) async throws -> PushReceipt {
            throw PushFailure(.retryable(after: nil), "push provider down")
        }
    }

    /// The most process CPU a 5 s run may use. A spinning loop takes a whole core, 5 s; the rest
    /// is room for the suites that run in this process at the same time (the PostgreSQL store
    /// suites of both services among them: up to 2.5 s measured here, on two cores).
    private static let cpuLimit = Duration.seconds(4)

    /// Runs `scheduler` for 5 s, then cancels it; returns the CPU time used meanwhile.
    private func runFor5Seconds(_ scheduler: NotificationScheduler, lines: RecordingLogHandler.Lines) async throws
        -> Duration
    {
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

    @Test(
        "a store that fails every pass for 5 s is retried with backoff: a few log lines, little CPU, no spin",
        .timeLimit(.minutes(1)), arguments: StoreKind.allCases)
    func failingStoreBacksOff(_ kind: StoreKind) async throws {
        let peer = try TaskServicePeer(clock: { 0 })
        let store = try await kind.makeStore()
        try await store.close()
        let lines = RecordingLogHandler.Lines()
        let scheduler = NotificationScheduler(
            store: store, sender: RecordingPushSender(), confirmation: peer.confirmation, worker: "w",
            logger: RecordingLogHandler.logger(recordingInto: lines))
        let cpu = try await runFor5Seconds(scheduler, lines: lines)
        #expect(lines.count(atLeast: .error) >= 1 && lines.all.count <= 6, "lines in 5 s: \(lines.all)")
        #expect(cpu < Self.cpuLimit, "CPU used while failing: \(cpu)")
        try await peer.stop()
    }

    @Test("a push provider that fails every try for 5 s logs a few lines, not one per try", .timeLimit(.minutes(1)))
    func failingPushesLogFewLines() async throws {
        let (peer, store, _) = try await store(on: .sqlite, owners: ["alice"], devices: ["alice": ["t-alice"]])
        let lines = RecordingLogHandler.Lines()
        let scheduler = NotificationScheduler(
            store: store, sender: FailingPushSender(), confirmation: peer.confirmation, worker: "w",
            policy: DeliveryPolicy(
                maxAttempts: 10_000, retryBackoff: RetryBackoff(initial: .milliseconds(50), maximum: .milliseconds(50))),
            logger: RecordingLogHandler.logger(recordingInto: lines))
        let cpu = try await runFor5Seconds(scheduler, lines: lines)
        #expect(lines.count(atLeast: .warning) >= 1 && lines.all.count <= 8, "lines in 5 s: \(lines.all)")
        #expect(cpu < Self.cpuLimit, "CPU used while failing: \(cpu)")
        try await peer.stop()
        try await store.close()
    }
}

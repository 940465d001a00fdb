import NotificationService
import PinitProtos
import Testing

/// Issue 15, finding 1: the scheduler decided from its own copy of the state, which lags
/// behind a start, cancel or move committed just before the start time. Each job is now
/// confirmed with the task service (the real handler, in-process) just before its push.
@Suite("Confirm at send time", .sharedTemporaryPostgres)
struct ConfirmAtSendTests {
    /// A notification store and a task service with one device for alice.
    private func setUp(_ kind: StoreKind) async throws -> (TaskServicePeer, any NotificationStore, ManualClock) {
        let wall = ManualClock()
        wall.set(1_000)
        let peer = try TaskServicePeer(clock: wall.read)
        let notifications = try await kind.makeStore()
        try await notifications.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        return (peer, notifications, wall)
    }

    @Test(
        "a start committed at the task service before the start time, not yet relayed, suppresses the push",
        arguments: StoreKind.allCases)
    func startNotYetRelayed(_ kind: StoreKind) async throws {
        let (peer, notifications, wall) = try await setUp(kind)
        let schedule = try await peer.create("alice", start: 10_000)
        try await peer.relay(to: notifications)
        try await peer.start(schedule.id)
        wall.set(10_000)
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: notifications, sender: sender, confirmation: peer.confirmation, worker: "w", clock: wall.read)
        let handled = try await scheduler.sendDueNotifications()
        #expect(handled.map(\.1) == [.decided(.suppressed, reason: "started before its start time")])
        #expect(sender.keys.isEmpty)
        #expect(
            try await notifications.notifications(ownerID: "alice").map(\.reason) == ["started before its start time"])
        try await peer.stop()
        try await notifications.close()
    }

    @Test(
        "a move from T1 to T2 not yet relayed sends one push, at T2, under T2's key; the late event changes nothing",
        arguments: StoreKind.allCases)
    func moveNotYetRelayed(_ kind: StoreKind) async throws {
        let (peer, notifications, wall) = try await setUp(kind)
        let schedule = try await peer.create("alice", start: 10_000)
        try await peer.relay(to: notifications)
        try await peer.reschedule(schedule.id, to: 20_000)
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: notifications, sender: sender, confirmation: peer.confirmation, worker: "w", clock: wall.read)
        wall.set(10_000)
        #expect(try await scheduler.sendDueNotifications().map(\.1) == [.moved(start: 20_000)])
        wall.set(15_000)
        #expect(try await scheduler.sendDueNotifications().isEmpty)
        try await peer.relay(to: notifications)
        wall.set(20_000)
        #expect(try await scheduler.sendDueNotifications().map(\.1) == [.decided(.sent, reason: "")])
        #expect(sender.keys == [NotificationJob.notificationID(scheduleID: schedule.id, start: 20_000)])
        wall.set(30_000)
        #expect(try await scheduler.sendDueNotifications().isEmpty)
        try await peer.stop()
        try await notifications.close()
    }

    @Test(
        "while the task service cannot answer the push waits; past the maximum lateness it is suppressed as 'state unconfirmed'",
        arguments: StoreKind.allCases)
    func unconfirmedPastMaximumLateness(_ kind: StoreKind) async throws {
        let (peer, notifications, wall) = try await setUp(kind)
        _ = try await peer.create("alice", start: 10_000)
        try await peer.relay(to: notifications)
        try await peer.stop()
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: notifications, sender: sender, confirmation: peer.confirmation, worker: "w",
            policy: DeliveryPolicy(maxLateness: .seconds(5)), clock: wall.read)
        wall.set(10_000)
        let first = try await scheduler.sendDueNotifications()
        guard case .postponed(let reason) = first.first?.1 else {
            Issue.record("expected a postponement, got \(first)")
            return
        }
        #expect(reason.hasPrefix("state unconfirmed"))
        wall.set(12_000)
        #expect(try await scheduler.sendDueNotifications().count == 1)
        wall.set(15_000)
        #expect(
            try await scheduler.sendDueNotifications().map(\.1) == [.decided(.suppressed, reason: "state unconfirmed")])
        #expect(sender.keys.isEmpty)
        try await notifications.close()
    }

    @Test(
        "a start applied while the push is out still leaves the notification recorded as sent",
        arguments: StoreKind.allCases)
    func startWhileSending(_ kind: StoreKind) async throws {
        let (peer, notifications, wall) = try await setUp(kind)
        let schedule = try await peer.create("alice", start: 10_000)
        try await peer.relay(to: notifications)
        let sender = GatedPushSender()
        let scheduler = NotificationScheduler(
            store: notifications, sender: sender, confirmation: peer.confirmation, worker: "w", clock: wall.read)
        wall.set(10_000)
        let pass = Task { try await scheduler.sendDueNotifications() }
        await sender.waitUntilSending()
        try await peer.start(schedule.id)
        try await peer.relay(to: notifications)
        sender.open()
        #expect(try await pass.value.map(\.1) == [.decided(.sent, reason: "")])
        #expect(try await notifications.notifications(ownerID: "alice").map(\.outcome) == [.sent])
        try await peer.stop()
        try await notifications.close()
    }
}

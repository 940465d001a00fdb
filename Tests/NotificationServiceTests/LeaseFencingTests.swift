import Foundation
import NotificationService
import PinitProtos
import Testing

/// Issue 15, findings 3 and 5: a lease did not stop a second send, leases used the wall clock,
/// a restarted worker waited out its predecessor's leases and one slow send held up its batch.
@Suite("Fenced leases", .sharedTemporaryPostgres)
struct LeaseFencingTests {
    @Test(
        "finish, renew and postpone refuse a claim whose lease expired or was taken over", arguments: StoreKind.allCases
    )
    func expiredClaimIsRefused(_ kind: StoreKind) async throws {
        let leaseClock = ManualClock()
        let store = try await kind.makeStore(leaseClock: leaseClock)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        let first = try #require(
            try await store.claimDueJobs(worker: "a", now: 1_000, leaseMilliseconds: 1_000, limit: 1).first)
        leaseClock.set(999)
        #expect(try await store.renewLease(first, leaseMilliseconds: 1_000))
        leaseClock.set(2_000)
        #expect(try await store.finish(first, outcome: .sent, reason: "", at: 2_000) == false)
        let second = try #require(
            try await store.claimDueJobs(worker: "b", now: 2_000, leaseMilliseconds: 1_000, limit: 1).first)
        #expect(second.leaseToken != first.leaseToken)
        #expect(try await store.renewLease(first, leaseMilliseconds: 1_000) == false)
        #expect(try await store.finish(first, outcome: .sent, reason: "", at: 2_001) == false)
        #expect(try await store.finish(second, outcome: .sent, reason: "", at: 2_001))
        #expect(try await store.notifications(ownerID: nil).count == 1)
        try await store.close()
    }

    @Test(
        "a wall-clock step of an hour neither expires a live lease nor makes a job due twice",
        arguments: StoreKind.allCases)
    func wallClockStep(_ kind: StoreKind) async throws {
        let leaseClock = ManualClock()
        let store = try await kind.makeStore(leaseClock: leaseClock)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        #expect(try await store.claimDueJobs(worker: "a", now: 1_000, leaseMilliseconds: 10_000, limit: 1).count == 1)
        #expect(try await store.claimDueJobs(worker: "b", now: 3_601_000, leaseMilliseconds: 10_000, limit: 1).isEmpty)
        try await store.close()
    }

    @Test(
        "a lease stamped before a reboot (far ahead of the boot clock) counts as expired", arguments: StoreKind.allCases
    )
    func leaseFromBeforeReboot(_ kind: StoreKind) async throws {
        let leaseClock = ManualClock()
        leaseClock.set(5_000_000)
        let store = try await kind.makeStore(leaseClock: leaseClock)
        _ = try await store.apply(event("e1", version: 1, start: 1_000), at: 0)
        #expect(try await store.claimDueJobs(worker: "a", now: 1_000, leaseMilliseconds: 10_000, limit: 1).count == 1)
        leaseClock.set(100)
        #expect(try await store.claimDueJobs(worker: "b", now: 1_000, leaseMilliseconds: 10_000, limit: 1).count == 1)
        try await store.close()
    }

    @Test(
        "a restarted worker with the same name releases its predecessor's leases at start and sends at once",
        .timeLimit(.minutes(1)), arguments: StoreKind.allCases)
    func restartedWorkerReleasesItsLeases(_ kind: StoreKind) async throws {
        let leaseClock = ManualClock()
        let store = try await kind.makeStore(leaseClock: leaseClock)
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        let peer = try TaskServicePeer(clock: { 0 })
        let schedule = try await peer.create("alice", start: 1_000)
        try await peer.relay(to: store)
        #expect(
            try await store.claimDueJobs(worker: "host-a", now: 1_000, leaseMilliseconds: 600_000, limit: 1).count == 1)
        let sender = RecordingPushSender()
        let restarted = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "host-a",
            pollInterval: .milliseconds(10), clock: { 1_000 })
        let running = Task { await restarted.run() }
        let deadline = ContinuousClock.now + .seconds(5)
        while sender.keys.isEmpty && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
        restarted.stop()
        await running.value
        #expect(sender.keys == [NotificationJob.notificationID(scheduleID: schedule.id, start: 1_000)])
        try await peer.stop()
        try await store.close()
    }

    @Test("one slow send does not hold up the other due jobs", .timeLimit(.minutes(1)), arguments: StoreKind.allCases)
    func slowSendHoldsUpNoOther(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let peer = try TaskServicePeer(clock: { 0 })
        for owner in ["alice", "bob", "carol"] {
            try await store.registerDevice(token: "t-\(owner)", ownerID: owner, at: 0)
            _ = try await peer.create(owner, start: 1_000)
        }
        try await peer.relay(to: store)
        let sender = SlowPushSender(delay: .seconds(3), slowOwners: ["bob"])
        let scheduler = NotificationScheduler(
            store: store, sender: sender, confirmation: peer.confirmation, worker: "w", pollInterval: .milliseconds(10))
        let running = Task { await scheduler.run() }
        let deadline = ContinuousClock.now + .seconds(2)
        while sender.delivered.count < 2 && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        running.cancel()
        await running.value
        #expect(sender.delivered.count == 2, "alice's and carol's pushes went out while bob's was slow")
        try await peer.stop()
        try await store.close()
    }

    @Test(
        "two workers on one store with a send slower than the lease: each attempt is abandoned inside its lease, never two at once, and the notification ends FAILED once",
        .timeLimit(.minutes(1)), arguments: StoreKind.allCases)
    func sendSlowerThanLease(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
        let peer = try TaskServicePeer(clock: { 0 })
        _ = try await peer.create("alice", start: 1_000)
        try await peer.relay(to: store)
        let sender = SlowPushSender(delay: .seconds(5), slowOwners: ["alice"])
        let policy = DeliveryPolicy(
            maxAttempts: 3, retryBackoff: RetryBackoff(initial: .milliseconds(50), maximum: .milliseconds(100)))
        let workers = ["a", "b"].map {
            NotificationScheduler(
                store: store, sender: sender, confirmation: peer.confirmation, worker: $0, lease: .milliseconds(300),
                pollInterval: .milliseconds(10), policy: policy)
        }
        let running = workers.map { worker in Task { await worker.run() } }
        let deadline = ContinuousClock.now + .seconds(10)
        while try await store.notifications(ownerID: "alice").isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        for task in running { task.cancel() }
        for task in running { await task.value }
        let recorded = try await store.notifications(ownerID: "alice")
        #expect(recorded.map(\.outcome) == [.failed])
        #expect(recorded.first?.reason.contains("after 3 attempts") == true, "\(recorded)")
        #expect(sender.mostActive == 1)
        try await peer.stop()
        try await store.close()
    }
}

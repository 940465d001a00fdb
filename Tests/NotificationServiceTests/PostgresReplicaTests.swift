import Foundation
import Logging
@testable import NotificationService
import PinitProtos
import PostgresClient
import ProtocSupport
import Testing

/// `count` schedules of alice (who has a device) due at 1 s, created at a real task service
/// and relayed to `store`.
func dueSchedules(_ count: Int, at peer: TaskServicePeer, in store: any NotificationStore) async throws -> [String] {
    try await store.registerDevice(token: "t-alice", ownerID: "alice", at: 0)
    var keys: [String] = []
    for _ in 0..<count {
        let schedule = try await peer.create("alice", start: 1_000)
        keys.append(NotificationJob.notificationID(scheduleID: schedule.id, start: 1_000))
    }
    try await peer.relay(to: store)
    return keys
}

/// Waits until `store` has recorded `count` notifications, or `limit` passes.
func waitForNotifications(_ count: Int, in store: any NotificationStore, limit: Duration = .seconds(20)) async throws {
    let deadline = ContinuousClock.now + limit
    while try await store.notifications(ownerID: nil).count < count && ContinuousClock.now < deadline {
        try await Task.sleep(for: .milliseconds(20))
    }
}

/// Several notification-service replicas, each with its own store (pool) and scheduler, on
/// one PostgreSQL database.
@Suite("Replicas on one PostgreSQL database", .sharedTemporaryPostgres)
struct PostgresReplicaTests {
    @Test("two replicas racing for the same due jobs send every notification exactly once", .timeLimit(.minutes(1)))
    func racingReplicas() async throws {
        let url = try await StoreKind.postgres.newLocation()
        let replicas = [try await StoreKind.postgres.open(url), try await StoreKind.postgres.open(url)]
        let peer = try TaskServicePeer(clock: { 0 })
        let keys = try await dueSchedules(60, at: peer, in: replicas[0])
        let sender = RecordingPushSender()
        let schedulers = replicas.enumerated().map { index, store in
            NotificationScheduler(
                store: store, sender: sender, confirmation: peer.confirmation, worker: "replica-\(index)",
                pollInterval: .milliseconds(5), concurrency: 4, clock: { 5_000 })
        }
        let running = schedulers.map { scheduler in Task { await scheduler.run() } }
        try await waitForNotifications(keys.count, in: replicas[1])
        for scheduler in schedulers { scheduler.stop() }
        for task in running { await task.value }
        #expect(sender.keys.sorted() == keys.sorted(), "each notification pushed once")
        let recorded = try await replicas[0].notifications(ownerID: nil)
        #expect(recorded.count == keys.count && recorded.allSatisfy { $0.outcome == .sent })
        try await peer.stop()
        for store in replicas { try await store.close() }
    }

    @Test("two replicas applying the same burst at once apply each event once; the other sees duplicates")
    func racingApplies() async throws {
        let url = try await StoreKind.postgres.newLocation()
        let replicas = [try await StoreKind.postgres.open(url), try await StoreKind.postgres.open(url)]
        let burst = (0..<50).map { event("e\($0)", schedule: "s\($0 % 10)", version: Int64($0 / 10 + 1), start: 1_000) }
        async let first = replicas[0].apply(burst, at: 0)
        async let second = replicas[1].apply(burst, at: 0)
        let results = try await [first, second]
        for index in burst.indices {
            let outcomes = results.map { $0[index] }
            #expect(
                outcomes.filter { $0 == .applied }.count + outcomes.filter { $0 == .stale }.count == 1
                    && outcomes.contains(.duplicate), "\(burst[index].eventId): \(outcomes)")
        }
        let due = try await replicas[0].claimDueJobs(worker: "w", now: 1_000, leaseMilliseconds: 1_000, limit: 100)
        #expect(due.count == 10)
        #expect(
            try await replicas[1].receivedEvents().filter(\.applied).count == burst.count, "recorded once, each applied"
        )
        for store in replicas { try await store.close() }
    }

    @Test(
        "two replicas applying bursts over the same schedules in opposite orders neither deadlock nor lose an event",
        .timeLimit(.minutes(1)))
    func oppositeOrders() async throws {
        let url = try await StoreKind.postgres.newLocation()
        let replicas = [try await StoreKind.postgres.open(url), try await StoreKind.postgres.open(url)]
        for round in 0..<5 {
            let burst = (0..<20).map {
                event("r\(round)-e\($0)", schedule: "s\($0)", version: Int64(round + 1), start: 1_000)
            }
            async let forward = replicas[0].apply(burst, at: 0)
            async let backward = replicas[1].apply(burst.reversed(), at: 0)
            let inOrder = try await forward
            let inReverse = Array(try await backward.reversed())
            for index in burst.indices {
                #expect(
                    [inOrder[index], inReverse[index]].filter { $0 == .applied }.count == 1, "\(burst[index].eventId)")
            }
        }
        #expect(try await replicas[0].receivedEvents().count == 100)
        for store in replicas { try await store.close() }
    }

    @Test(
        "a replica that dies holding leases: the other takes its jobs over once the leases expire on the server's clock",
        .timeLimit(.minutes(1)))
    func leaseTakeover() async throws {
        let url = try await StoreKind.postgres.newLocation()
        let dying = try await StoreKind.postgres.open(url)
        let survivor = try await StoreKind.postgres.open(url)
        let peer = try TaskServicePeer(clock: { 0 })
        let keys = try await dueSchedules(5, at: peer, in: dying)
        let lease = Duration.milliseconds(1_500)
        let claimedBefore = ContinuousClock.now
        let held = try await dying.claimDueJobs(
            worker: "dying", now: 5_000, leaseMilliseconds: lease.wholeMilliseconds, limit: 10)
        #expect(held.count == keys.count)
        try await dying.close()
        let sender = RecordingPushSender()
        let scheduler = NotificationScheduler(
            store: survivor, sender: sender, confirmation: peer.confirmation, worker: "survivor",
            pollInterval: .milliseconds(20), clock: { 5_000 })
        let running = Task { await scheduler.run() }
        try await Task.sleep(until: claimedBefore + lease / 2)
        #expect(sender.keys.isEmpty, "no push while the dead replica's leases run")
        try await waitForNotifications(keys.count, in: survivor)
        #expect(claimedBefore.duration(to: .now) >= lease, "taken over only once the leases expired")
        scheduler.stop()
        await running.value
        #expect(sender.keys.sorted() == keys.sorted())
        try await peer.stop()
        try await survivor.close()
    }
}

import NotificationService
import PinitProtos
import Testing

@Suite("Bounded state: the notification store prunes past the retention", .sharedTemporaryPostgres)
struct NotificationRetentionTests {
    @Test(
        "a received event id is forgotten only once older than the cutoff and superseded; a replay of it is then stale and changes nothing",
        arguments: StoreKind.allCases)
    func receivedEventIDs(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.apply(
            [event("a1", schedule: "a", version: 1), event("b1", schedule: "b", version: 1)], at: 100)
        _ = try await store.apply(event("a2", schedule: "a", version: 2, start: 20_000, kind: .rescheduled), at: 200)
        #expect(try await store.prune(before: 150, limit: 500) == 1, "a1 only: b1 is its schedule's latest event")
        #expect(try await store.receivedEvents().map(\.eventID) == ["b1", "a2"])
        #expect(try await store.prune(before: 10_000, limit: 500) == 0, "latest events are kept, however old")
        #expect(try await store.apply(event("a1", schedule: "a", version: 1), at: 300) == .stale)
        let due = try await store.claimDueJobs(worker: "w", now: 20_000, leaseMilliseconds: 1, limit: 10)
        #expect(
            due.map(\.notificationID).sorted() == ["ntf-a-20000", "ntf-b-10000"], "the replay did not move a's job back"
        )
        try await store.close()
    }

    @Test(
        "decided notifications and their retired jobs go once before the cutoff, in batches of at most the limit",
        arguments: StoreKind.allCases)
    func notificationsInBatches(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        for index in 0..<5 {
            _ = try await store.apply(event("e\(index)", schedule: "s\(index)", version: 1, start: 1_000), at: 0)
        }
        for job in try await store.claimDueJobs(worker: "w", now: 1_000, leaseMilliseconds: 1_000, limit: 10) {
            _ = try await store.finish(job, outcome: .suppressed, reason: "no device", at: 2_000)
        }
        #expect(try await store.notifications(ownerID: nil).count == 5)
        #expect(try await store.prune(before: 1_000, limit: 4) == 0)
        #expect(try await store.prune(before: 2_000, limit: 4) == 4, "the five retired jobs, due at 1 s, first")
        #expect(try await store.prune(before: 2_000, limit: 4) == 1)
        #expect(try await store.notifications(ownerID: nil).count == 5)
        #expect(try await store.prune(before: 2_001, limit: 4) == 4)
        #expect(try await store.prune(before: 2_001, limit: 4) == 1)
        #expect(try await store.notifications(ownerID: nil).isEmpty)
        #expect(try await store.claimDueJobs(worker: "w", now: 10_000, leaseMilliseconds: 1_000, limit: 10).isEmpty)
        try await store.close()
    }
}

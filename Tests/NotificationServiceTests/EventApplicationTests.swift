import NotificationService
import PinitProtos
import Testing

@Suite("Applying events", .sharedTemporaryPostgres)
struct EventApplicationTests {
    @Test("a duplicate event id is ignored", arguments: StoreKind.allCases)
    func duplicate(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        #expect(try await store.apply(event("e1", version: 1), at: 0) == .applied)
        #expect(try await store.apply(event("e1", version: 1), at: 1) == .duplicate)
        #expect(try await store.receivedEvents().count == 1)
        try await store.close()
    }

    @Test(
        "a late event with an older version cannot undo a newer state (cancel then replayed create)",
        arguments: StoreKind.allCases)
    func staleEvent(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        #expect(try await store.apply(event("e2", version: 2, state: .canceled, kind: .canceled), at: 0) == .applied)
        #expect(try await store.apply(event("e1", version: 1), at: 1) == .stale)
        let due = try await store.claimDueJobs(worker: "w", now: 20_000, leaseMilliseconds: 1000, limit: 10)
        #expect(due.isEmpty)
        try await store.close()
    }

    @Test(
        "the job is due at the start time; rescheduling moves it to a new notification id; starting retires it",
        arguments: StoreKind.allCases)
    func jobFollowsState(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        _ = try await store.apply(event("e1", version: 1, start: 10_000), at: 0)
        #expect(try await store.claimDueJobs(worker: "w", now: 9_999, leaseMilliseconds: 1, limit: 10).isEmpty)
        _ = try await store.apply(event("e2", version: 2, start: 20_000, kind: .rescheduled), at: 0)
        #expect(try await store.claimDueJobs(worker: "w", now: 15_000, leaseMilliseconds: 1, limit: 10).isEmpty)
        let due = try await store.claimDueJobs(worker: "w", now: 20_000, leaseMilliseconds: 1, limit: 10)
        #expect(due.map(\.notificationID) == ["ntf-s1-20000"])
        _ = try await store.apply(event("e3", version: 3, state: .started, start: 20_000, kind: .started), at: 0)
        #expect(try await store.claimDueJobs(worker: "w", now: 30_000, leaseMilliseconds: 1, limit: 10).isEmpty)
        try await store.close()
    }

    @Test("replaying a whole stream after a reconnect changes nothing", arguments: StoreKind.allCases)
    func replay(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let stream = [event("e1", version: 1), event("e2", version: 2, start: 12_000, kind: .rescheduled)]
        for item in stream { #expect(try await store.apply(item, at: 0) == .applied) }
        for item in stream { #expect(try await store.apply(item, at: 0) == .duplicate) }
        let due = try await store.claimDueJobs(worker: "w", now: 12_000, leaseMilliseconds: 1, limit: 10)
        #expect(due.map(\.dueAt) == [12_000])
        try await store.close()
    }
}

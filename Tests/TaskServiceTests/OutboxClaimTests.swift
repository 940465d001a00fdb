import Foundation
import PinitProtos
import ProtocSupport
import Synchronization
import TaskService
import Testing

/// `count` creation changes of one owner, `s0`…, with events `e0`….
func creations(_ count: Int) throws -> [ScheduleChange] {
    try (0..<count).map { index in
        try ScheduleRules.create(
            id: "s\(index)", ownerID: "alice", title: "t", startMilliseconds: 60_000, now: 0, eventID: "e\(index)")
    }
}

@Suite("Outbox claims shared by several relays", .sharedTemporaryPostgres)
struct OutboxClaimTests {
    @Test(
        "claimants racing on one database (two replicas' stores) get disjoint claims, each in outbox order, together every event",
        arguments: StoreKind.allCases)
    func racingClaimants(_ kind: StoreKind) async throws {
        let stores = try await kind.makeStores(2)
        for change in try creations(40) { try await stores[0].insert(change) }
        let claims = try await withThrowingTaskGroup(of: [[Int64]].self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask {
                    var claims: [[Int64]] = []
                    while true {
                        let claim = try await store.claimEvents(limit: 3, claimant: "r\(index)", lease: .seconds(60))
                        if claim.isEmpty { return claims }
                        claims.append(claim.map(\.sequence))
                    }
                }
            }
            return try await group.reduce(into: [[Int64]]()) { $0 += $1 }
        }
        let claimed = claims.flatMap { $0 }
        #expect(claimed.count == 40, "no event claimed twice: \(claims)")
        #expect(Set(claimed) == Set(try await stores[0].allEvents().map(\.sequence)))
        #expect(claims.allSatisfy { $0 == $0.sorted() })
        for store in stores { try await store.close() }
    }

    @Test(
        "a live claim is left alone; a released one, or one whose lease ended, is claimed again at once; acknowledged events never",
        arguments: StoreKind.allCases)
    func leases(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let changes = try creations(7)
        for change in changes.prefix(6) { try await store.insert(change) }
        let first = try await store.claimEvents(limit: 2, claimant: "a", lease: .seconds(60))
        #expect(first.map(\.event.eventId) == ["e0", "e1"])
        let second = try await store.claimEvents(limit: 2, claimant: "b", lease: .seconds(60))
        #expect(second.map(\.event.eventId) == ["e2", "e3"])
        try await store.acknowledge(eventIDs: ["e4"], at: 1)
        #expect(
            try await store.claimEvents(limit: 10, claimant: "c", lease: .seconds(60)).map(\.event.eventId) == ["e5"])
        #expect(try await store.claimEvents(limit: 10, claimant: "c", lease: .seconds(60)).isEmpty)
        try await store.releaseClaims(claimant: "a")
        #expect(
            try await store.claimEvents(limit: 10, claimant: "c", lease: .seconds(60)).map(\.event.eventId) == [
                "e0", "e1",
            ])
        try await store.insert(changes[6])
        #expect(
            try await store.claimEvents(limit: 10, claimant: "d", lease: .milliseconds(1)).map(\.event.eventId) == [
                "e6"
            ])
        try await Task.sleep(for: .milliseconds(50))
        #expect(
            try await store.claimEvents(limit: 10, claimant: "c", lease: .seconds(60)).map(\.event.eventId) == ["e6"],
            "d's lease ended")
        try await store.close()
    }

    @Test("a commit wakes a waiter on the store's outbox signal at once", arguments: StoreKind.allCases)
    func commitSignals(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        try await Task.sleep(for: .milliseconds(100)) // the listener's first signal, if any, has passed
        let seen = store.outboxSignal.generation
        let began = ContinuousClock.now
        async let woken: Void = store.outboxSignal.wait(after: seen, timeout: .seconds(30))
        try await store.insert(try creations(1)[0])
        await woken
        #expect(began.duration(to: .now) < .seconds(5))
        try await store.close()
    }
}

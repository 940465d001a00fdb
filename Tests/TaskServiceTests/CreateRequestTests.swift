import Foundation
import InProcessTransport
import PinitProtos
import ProtoCodec
import RPCCore
import ProtocSupport
import Synchronization
import TaskService
import Testing

/// A clock the test moves, in milliseconds since the epoch.
private final class MovableClock: Sendable {
    private let milliseconds = Mutex<Int64>(1_000_000)
    var now: Int64 { milliseconds.withLock { $0 } }
    func set(_ value: Int64) { milliseconds.withLock { $0 = value } }
}

@Suite("No duplicate create: CreateSchedule's request_id", .sharedTemporaryPostgres)
struct CreateRequestTests {
    private let clock = MovableClock()

    private func withService(
        _ kind: StoreKind,
        _ body: (Pinit_V1_TaskService.Client<InProcessClientTransport>, any ScheduleStore) async throws -> Void
    ) async throws {
        try await TaskServiceTests.withService(kind, clock: { [clock] in clock.now }, body)
    }

    private func request(_ id: String, owner: String = "alice", title: String = "Stand-up", start: Int64 = 2_000_000)
        -> ClientRequest<Pinit_V1_CreateScheduleRequest>
    {
        var message = Pinit_V1_CreateScheduleRequest()
        message.ownerId = owner
        message.title = title
        message.startTime = Google_Protobuf_Timestamp(milliseconds: start)
        message.requestId = id
        return ClientRequest(message: message)
    }

    @Test(
        "a retry with the same request id and owner returns the same schedule and writes no second event",
        arguments: StoreKind.allCases)
    func retryReturnsTheSameSchedule(_ kind: StoreKind) async throws {
        try await withService(kind) { client, store in
            let first = try await client.createSchedule(request("r1")).message
            let retry = try await client.createSchedule(request("r1")).message
            #expect(retry == first)
            #expect(try await store.allEvents().count == 1)
            let other = try await client.createSchedule(request("r1", owner: "bob")).message
            #expect(other.id != first.id, "request ids are per owner")
            clock.set(3_000_000)
            #expect(try await client.createSchedule(request("r1")).message.id == first.id, "after the start time too")
            let plain = try await client.createSchedule(request("", start: 4_000_000)).message
            let plainAgain = try await client.createSchedule(request("", start: 4_000_000)).message
            #expect(plain.id != plainAgain.id, "no request id: no deduplication")
        }
    }

    @Test("the same request id with a different title or start time is ALREADY_EXISTS", arguments: StoreKind.allCases)
    func differentPayload(_ kind: StoreKind) async throws {
        try await withService(kind) { client, store in
            _ = try await client.createSchedule(request("r1"))
            #expect(await code { _ = try await client.createSchedule(request("r1", title: "Retro")) } == .alreadyExists)
            #expect(
                await code { _ = try await client.createSchedule(request("r1", start: 2_500_000)) } == .alreadyExists)
            #expect(try await store.allEvents().count == 1)
        }
    }

    @Test("racing retries create one schedule", arguments: StoreKind.allCases)
    func racingRetries(_ kind: StoreKind) async throws {
        try await withService(kind) { client, store in
            let ids = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 { group.addTask { try await client.createSchedule(request("race")).message.id } }
                return try await group.reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(ids.count == 1)
            #expect(try await store.allEvents().count == 1)
        }
    }

    @Test(
        "a request id is forgotten after the retention, with the acknowledged outbox, in batches; unacknowledged events stay",
        arguments: StoreKind.allCases)
    func pruning(_ kind: StoreKind) async throws {
        try await withService(kind) { client, store in
            let first = try await client.createSchedule(request("r1")).message
            for index in 0..<4 { _ = try await client.createSchedule(request("", title: "t\(index)")) }
            let events = try await store.allEvents()
            try await store.acknowledge(eventIDs: events.prefix(3).map(\.event.eventId), at: 1_500_000)
            #expect(try await store.prune(before: 1_000_000, limit: 2) == 0, "nothing older than the cutoff")
            #expect(try await store.prune(before: 1_500_001, limit: 2) == 2)
            #expect(
                try await store.prune(before: 1_500_001, limit: 2) == 2,
                "the third acknowledged event and the request id")
            #expect(try await store.prune(before: 1_500_001, limit: 2) == 0)
            #expect(try await store.allEvents().map(\.event.eventId) == events.suffix(2).map(\.event.eventId))
            let again = try await client.createSchedule(request("r1")).message
            #expect(again.id != first.id, "a forgotten request id creates anew")
        }
    }
}

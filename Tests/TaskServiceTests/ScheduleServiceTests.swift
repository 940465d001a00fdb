import Foundation
import InProcessTransport
import PinitProtos
import ProtoCodec
import RPCCore
import ProtocSupport
import TaskService
import Testing

@Suite("Task service over the in-process transport", .sharedTemporaryPostgres)
struct ScheduleServiceTests {
    private func create(_ client: Pinit_V1_TaskService.Client<InProcessClientTransport>, title: String = "Stand-up")
        async throws -> Pinit_V1_Schedule
    {
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = "alice"
        request.title = title
        request.startTime = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(60))
        return try await client.createSchedule(ClientRequest(message: request)).message
    }

    @Test("each change and its event commit together; a refused change writes no event", arguments: StoreKind.allCases)
    func outbox(_ kind: StoreKind) async throws {
        try await withService(kind) { client, store in
            let schedule = try await create(client)
            var start = Pinit_V1_ScheduleRequest()
            start.scheduleId = schedule.id
            _ = try await client.cancelSchedule(ClientRequest(message: start))
            #expect(
                await code { _ = try await client.startSchedule(ClientRequest(message: start)) } == .failedPrecondition)
            let events = try await store.allEvents().map(\.event)
            #expect(events.map(\.kind) == [.created, .canceled])
            #expect(events.map(\.version) == [1, 2])
            #expect(try await store.schedule(id: schedule.id)?.state == .canceled)
        }
    }

    @Test("an unknown id is NOT_FOUND, an empty title or past start INVALID_ARGUMENT", arguments: StoreKind.allCases)
    func statuses(_ kind: StoreKind) async throws {
        try await withService(kind) { client, _ in
            var get = Pinit_V1_GetScheduleRequest()
            get.scheduleId = "nope"
            #expect(await code { _ = try await client.getSchedule(ClientRequest(message: get)) } == .notFound)
            var start = Pinit_V1_ScheduleRequest()
            start.scheduleId = "nope"
            #expect(await code { _ = try await client.startSchedule(ClientRequest(message: start)) } == .notFound)
            #expect(await code { _ = try await create(client, title: "") } == .invalidArgument)
            var past = Pinit_V1_CreateScheduleRequest()
            past.ownerId = "alice"
            past.title = "late"
            past.startTime = Google_Protobuf_Timestamp(date: Date().addingTimeInterval(-1))
            #expect(
                await code { _ = try await client.createSchedule(ClientRequest(message: past)) } == .invalidArgument)
        }
    }

    @Test("ListSchedules streams a user's schedules, earliest start first", arguments: StoreKind.allCases)
    func list(_ kind: StoreKind) async throws {
        try await withService(kind) { client, _ in
            let first = try await create(client, title: "a")
            let second = try await create(client, title: "b")
            var request = Pinit_V1_ListSchedulesRequest()
            request.ownerId = "alice"
            let ids = try await client.listSchedules(ClientRequest(message: request)) { response in
                var ids: [String] = []
                for try await schedule in response.messages { ids.append(schedule.id) }
                return ids
            }
            #expect(Set(ids) == [first.id, second.id])
        }
    }
}

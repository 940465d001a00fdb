import Foundation
import InProcessTransport
import Logging
import PinitProtos
import ProtocSupport
import RPCCore
import Synchronization
import TaskService
import Testing

/// A notification service whose first `failingStreams` SyncEvents streams acknowledge
/// `acknowledgedBeforeFailure` events and then fail; later streams acknowledge everything. It
/// records what each stream received.
final class FlakyNotificationService: SyncEventsOnlyService {
    let acknowledgedBeforeFailure: Int
    let failingStreams: Int
    let streams = Mutex<[[Pinit_V1_ScheduleEvent]]>([])

    init(acknowledgedBeforeFailure: Int, failingStreams: Int = 1) {
        self.acknowledgedBeforeFailure = acknowledgedBeforeFailure
        self.failingStreams = failingStreams
    }

    func syncEvents(request: StreamingServerRequest<Pinit_V1_ScheduleEvent>, context: ServerContext) async throws
        -> StreamingServerResponse<Pinit_V1_EventAck>
    {
        let index = streams.withLock { streams in
            streams.append([])
            return streams.count - 1
        }
        return StreamingServerResponse { [self] writer in
            for try await event in request.messages {
                streams.withLock { $0[index].append(event) }
                if index < failingStreams && streams.withLock({ $0[index].count }) > acknowledgedBeforeFailure {
                    throw RPCError(code: .unavailable, message: "simulated crash")
                }
                var ack = Pinit_V1_EventAck()
                ack.eventId = event.eventId
                ack.applied = true
                try await writer.write(ack)
            }
            return Metadata()
        }
    }
}

@Suite("Outbox relay", .sharedTemporaryPostgres)
struct ScheduleEventRelayTests {
    @Test(
        "after the stream fails, a new stream resends exactly the unacknowledged events, in per-schedule order",
        arguments: StoreKind.allCases)
    func resendAfterReconnect(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        let now: Int64 = 1_000_000
        var changes: [ScheduleChange] = []
        for index in 0..<3 {
            let created = try ScheduleRules.create(
                id: "s\(index)", ownerID: "alice", title: "t\(index)", startMilliseconds: now + 60_000, now: now,
                eventID: "c\(index)")
            changes.append(created)
            changes.append(try ScheduleRules.apply(.start, to: created.schedule, now: now, eventID: "s\(index)-start"))
        }
        try await store.insert(changes[0])
        try await store.insert(changes[2])
        try await store.insert(changes[4])
        for index in [1, 3, 5] {
            let change = changes[index]
            _ = try await store.update(scheduleID: change.schedule.id) { _ in change }
        }

        let service = FlakyNotificationService(acknowledgedBeforeFailure: 2)
        try await withNotificationClient(service) { client in
            try await relay(
                [
                    ScheduleEventRelay(
                        store: store, client: client, pollInterval: .milliseconds(10),
                        backoff: RetryBackoff(initial: .milliseconds(10), maximum: .milliseconds(50)))
                ], until: store)
        }

        let outbox = try await store.allEvents()
        #expect(outbox.allSatisfy { $0.acknowledgedAt != nil })
        let streams = service.streams.withLock { $0 }
        #expect(streams.count >= 2)
        let acknowledgedFirst = streams[0].prefix(2).map(\.eventId)
        let resent = streams[1].map(\.eventId)
        #expect(resent == outbox.map(\.event.eventId).filter { !acknowledgedFirst.contains($0) })
        for stream in streams {
            let versions = Dictionary(grouping: stream, by: \.scheduleId).mapValues { $0.map(\.version) }
            #expect(versions.values.allSatisfy { $0 == $0.sorted() })
        }
        try await store.close()
    }

    @Test(
        "a relay named like a predecessor that died takes back its claims at once instead of waiting out their lease",
        arguments: StoreKind.allCases)
    func predecessorClaims(_ kind: StoreKind) async throws {
        let store = try await kind.makeStore()
        for change in try creations(3) { try await store.insert(change) }
        #expect(try await store.claimEvents(limit: 10, claimant: "host:/data#0", lease: .seconds(60)).count == 3)
        let service = FlakyNotificationService(acknowledgedBeforeFailure: 0, failingStreams: 0)
        let began = ContinuousClock.now
        try await withNotificationClient(service) { client in
            try await relay([ScheduleEventRelay(store: store, client: client, claimant: "host:/data#0")], until: store)
        }
        #expect(began.duration(to: .now) < .seconds(10))
        #expect(try await store.allEvents().allSatisfy { $0.acknowledgedAt != nil })
        #expect(service.streams.withLock { $0 }.flatMap { $0 }.map(\.eventId) == ["e0", "e1", "e2"])
        try await store.close()
    }

    @Test(
        "a stream that fails continuously for 5 s is retried with backoff: few streams, a few log lines, little CPU; cancellation ends the relay at once and quietly",
        .timeLimit(.minutes(1)))
    func continuousFailureBacksOff() async throws {
        let store = try SQLiteScheduleStore(directory: try TemporaryPath.directory("pinit-test"))
        try await store.insert(
            try ScheduleRules.create(
                id: "s", ownerID: "alice", title: "t", startMilliseconds: 60_000, now: 0, eventID: "e"))
        let service = FlakyNotificationService(acknowledgedBeforeFailure: 0, failingStreams: .max)
        let lines = RecordingLogHandler.Lines()
        try await withNotificationClient(service) { client in
            let relay = ScheduleEventRelay(
                store: store, client: client, logger: RecordingLogHandler.logger(recordingInto: lines))
            let relaying = Task { await relay.run() }
            let cpuBefore = processCPUTime()
            try await Task.sleep(for: .seconds(5))
            let cpu = processCPUTime() - cpuBefore
            let logged = lines.count(atLeast: .warning)
            relaying.cancel()
            let cancelled = ContinuousClock.now
            await relaying.value
            #expect(cancelled.duration(to: .now) < .seconds(1), "the relay ended promptly once cancelled")
            #expect(lines.count(atLeast: .warning) == logged, "cancellation logged nothing: \(lines.all)")
            let opened = service.streams.withLock { $0.count }
            #expect(opened >= 3 && opened <= 15, "streams opened in 5 s: \(opened)")
            #expect(logged >= 1 && logged <= 6, "warnings in 5 s: \(lines.all)")
            #expect(cpu < .seconds(1), "CPU used while failing: \(cpu)")
        }
        try await store.close()
    }
}

import Foundation
import InProcessTransport
import PinitProtos
import ProtocSupport
import RPCCore
import Synchronization
@testable import TaskService
import Testing

/// A notification service that acknowledges nothing until it received `count` events, then
/// acknowledges them all at once.
private final class BatchAckingService: SyncEventsOnlyService {
    let count: Int

    init(count: Int) { self.count = count }

    func syncEvents(request: StreamingServerRequest<Pinit_V1_ScheduleEvent>, context: ServerContext) async throws
        -> StreamingServerResponse<Pinit_V1_EventAck>
    {
        StreamingServerResponse { [count] writer in
            var received: [Pinit_V1_EventAck] = []
            for try await event in request.messages {
                var ack = Pinit_V1_EventAck()
                ack.eventId = event.eventId
                ack.applied = true
                received.append(ack)
                if received.count == count { try await writer.write(contentsOf: received) }
            }
            return Metadata()
        }
    }
}

@Suite("Acks retired per burst")
struct AckBurstTests {
    @Test(
        "a burst of 48 acks is retired in a few transactions (one per burst that arrived together; 2 on an idle machine), not one per ack"
    )
    func acksPerBurst() async throws {
        let count = 48
        let store = try SQLiteScheduleStore(directory: try TemporaryPath.directory("pinit-test"))
        for index in 0..<count {
            try await store.insert(
                try ScheduleRules.create(
                    id: "s\(index)", ownerID: "alice", title: "t", startMilliseconds: 60_000, now: 0,
                    eventID: "e\(index)"))
        }
        let commits = CommitCounter()
        store.database.add(transactionObserver: commits)
        try await withNotificationClient(BatchAckingService(count: count)) { client in
            try await relay(
                [ScheduleEventRelay(store: store, client: client, pollInterval: .milliseconds(10))], until: store)
        }
        #expect(try await store.allEvents().allSatisfy { $0.acknowledgedAt != nil })
        // The in-process transport may hand the 48 acks over in several pieces when the machine
        // is loaded; one transaction per ack would be 48.
        #expect(commits.count <= count / 8, "\(commits.count) transactions for \(count) acks")
        try await store.close()
    }

    @Test(
        "bursts hand over what arrived while the consumer was busy, bounded by the limit, and end with the sequence's error"
    )
    func burstsOfASequence() async throws {
        let (messages, input) = AsyncThrowingStream<Int, any Error>.makeStream()
        let bursts = Mutex<[[Int]]>([])
        let (started, startedInput) = AsyncStream<Void>.makeStream()
        struct Broken: Error {}
        let consumer = Task {
            try await forEachBurst(of: messages, limit: 4) { burst in
                bursts.withLock { $0.append(burst) }
                if burst == [0] { startedInput.yield() }
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        input.yield(0)
        var iterator = started.makeAsyncIterator()
        _ = await iterator.next()
        for value in 1...6 { input.yield(value) }
        input.finish(throwing: Broken())
        await #expect(throws: Broken.self) { try await consumer.value }
        #expect(bursts.withLock { $0 } == [[0], [1, 2, 3, 4], [5, 6]])
    }
}

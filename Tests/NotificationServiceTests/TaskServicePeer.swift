import Foundation
import InProcessTransport
import NotificationService
import PinitProtos
import ProtoCodec
import RPCCore
import Synchronization
import TaskService
import ProtocSupport

/// The real task service (handler and SQLite store) in-process: the notification scheduler's
/// source of truth in these tests. ``relay(to:)`` plays the relay's part deterministically, and
/// ``stop()`` makes it unreachable.
final class TaskServicePeer: Sendable {
    let store: SQLiteScheduleStore
    let client: Pinit_V1_TaskService.Client<InProcessClientTransport>
    private let server: RPCServer<InProcessServerTransport>
    private let rpcClient: RPCClient<InProcessClientTransport>
    private let running: Task<Void, any Error>

    /// Starts the service on a fresh store; its handler's clock reads `clock`.
    init(clock: @escaping @Sendable () -> Int64) throws {
        store = try SQLiteScheduleStore(directory: try TemporaryPath.directory("pinit-test"))
        let serverTransport = InProcessServerTransport()
        var router = RPCRouter<InProcessServerTransport>()
        ScheduleServiceHandler(store: store, clock: clock).registerMethods(with: &router)
        let server = RPCServer(transport: serverTransport, router: router)
        let rpcClient = RPCClient(transport: InProcessClientTransport(server: serverTransport))
        self.server = server
        self.rpcClient = rpcClient
        client = Pinit_V1_TaskService.Client(wrapping: rpcClient)
        running = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await server.serve() }
                group.addTask { try await rpcClient.run() }
                try await group.waitForAll()
            }
        }
    }

    /// Confirmation through this service's `GetSchedule`.
    var confirmation: TaskServiceConfirmation<InProcessClientTransport> {
        TaskServiceConfirmation(client: client, timeout: .seconds(1))
    }

    /// Creates a schedule for `owner` starting at `start` (ms since the epoch).
    func create(_ owner: String, start: Int64) async throws -> Pinit_V1_Schedule {
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = owner
        request.title = "title for \(owner)"
        request.startTime = Google_Protobuf_Timestamp(milliseconds: start)
        return try await client.createSchedule(ClientRequest(message: request)).message
    }

    /// Starts the schedule.
    func start(_ id: String) async throws {
        var request = Pinit_V1_ScheduleRequest()
        request.scheduleId = id
        _ = try await client.startSchedule(ClientRequest(message: request))
    }

    /// Moves the schedule to `start`.
    func reschedule(_ id: String, to start: Int64) async throws {
        var request = Pinit_V1_RescheduleScheduleRequest()
        request.scheduleId = id
        request.startTime = Google_Protobuf_Timestamp(milliseconds: start)
        _ = try await client.rescheduleSchedule(ClientRequest(message: request))
    }

    /// Applies every unacknowledged outbox event to `notifications`, in order, and retires them.
    func relay(to notifications: any NotificationStore) async throws {
        let entries = try await store.unacknowledgedEvents(after: 0, limit: 1000)
        _ = try await notifications.apply(entries.map(\.event), at: 0)
        try await store.acknowledge(eventIDs: entries.map(\.event.eventId), at: 0)
    }

    /// Shuts the service down: later confirmations fail with UNAVAILABLE.
    func stop() async throws {
        rpcClient.beginGracefulShutdown()
        server.beginGracefulShutdown()
        try await running.value
        try await store.close()
    }
}

/// A test precondition that failed, with what happened.
struct PinitTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A clock tests move by hand (milliseconds).
final class ManualClock: Sendable {
    private let now = Mutex<Int64>(0)
    @Sendable func read() -> Int64 { now.withLock { $0 } }
    func set(_ value: Int64) { now.withLock { $0 = value } }
}

import InProcessTransport
import PinitProtos
import RPCCore
import TaskService

/// A stand-in notification service for relay tests: it implements SyncEvents only; the other
/// methods end with UNIMPLEMENTED.
protocol SyncEventsOnlyService: Pinit_V1_NotificationService.ServiceProtocol {}

extension SyncEventsOnlyService {
    func registerDevice(request: ServerRequest<Pinit_V1_RegisterDeviceRequest>, context: ServerContext) async throws
        -> ServerResponse<Pinit_V1_RegisterDeviceResponse>
    { throw RPCError(code: .unimplemented, message: "") }

    func unregisterDevice(request: ServerRequest<Pinit_V1_UnregisterDeviceRequest>, context: ServerContext) async throws
        -> ServerResponse<Pinit_V1_UnregisterDeviceResponse>
    { throw RPCError(code: .unimplemented, message: "") }

    func listNotifications(request: ServerRequest<Pinit_V1_ListNotificationsRequest>, context: ServerContext)
        async throws
        -> StreamingServerResponse<Pinit_V1_Notification>
    { throw RPCError(code: .unimplemented, message: "") }
}

/// Serves `service` over the in-process transport while `body` runs with a client of it, then
/// shuts both ends down.
func withNotificationClient(
    _ service: some SyncEventsOnlyService,
    _ body: (Pinit_V1_NotificationService.Client<InProcessClientTransport>) async throws -> Void
) async throws {
    try await withInProcessClient({ router in service.registerMethods(with: &router) }) { client in
        try await body(Pinit_V1_NotificationService.Client(wrapping: client))
    }
}

/// Runs `relays` while `body` runs and then until `store` has no unacknowledged event left (or
/// 20 s passed), then stops them and waits for them to return.
func relay(
    _ relays: [ScheduleEventRelay<InProcessClientTransport>], until store: any ScheduleStore,
    while body: () async throws -> Void = {}
) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        for relay in relays { group.addTask { await relay.run() } }
        try await body()
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !store.unacknowledgedEvents(after: 0, limit: 1).isEmpty && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        for relay in relays { relay.stop() }
        try await group.waitForAll()
    }
}

import PinitProtos
import RPCCore

/// A stand-in notification service for relay tests: it implements SyncEvents only; the other
/// methods end with UNIMPLEMENTED.
protocol SyncEventsOnlyService: Pinit_V1_NotificationService.ServiceProtocol {}

extension SyncEventsOnlyService {
    func registerDevice(request: ServerRequest<Pinit_V1_RegisterDeviceRequest>, context: ServerContext) async throws
        -> ServerResponse<Pinit_V1_RegisterDeviceResponse> { throw RPCError(code: .unimplemented, message: "") }

    func unregisterDevice(request: ServerRequest<Pinit_V1_UnregisterDeviceRequest>, context: ServerContext) async throws
        -> ServerResponse<Pinit_V1_UnregisterDeviceResponse> { throw RPCError(code: .unimplemented, message: "") }

    func listNotifications(request: ServerRequest<Pinit_V1_ListNotificationsRequest>, context: ServerContext) async throws
        -> StreamingServerResponse<Pinit_V1_Notification> { throw RPCError(code: .unimplemented, message: "") }
}

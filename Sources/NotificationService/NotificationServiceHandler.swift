import Foundation
import Logging
import PinitProtos
import RPCCore

/// Serves `pinit.v1.NotificationService` over a ``NotificationStore``.
public struct NotificationServiceHandler: Pinit_V1_NotificationService.ServiceProtocol {
    private let store: any NotificationStore
    private let logger: Logger
    private let clock: @Sendable () -> Int64

    /// Creates the handler.
    ///
    /// - Parameter clock: the current time in milliseconds since the epoch.
    public init(
        store: any NotificationStore, logger: Logger = Logger(label: "pinit.notification"),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.logger = logger
        self.clock = clock
    }

    /// Applies each event in the order received and acknowledges it once committed; a
    /// duplicate or stale event is acknowledged too (with `applied` false), so the sender
    /// retires it. Ends with CANCELLED when the stream breaks, UNKNOWN on a storage failure
    /// (the unacknowledged events are then resent on the next stream).
    public func syncEvents(
        request: StreamingServerRequest<Pinit_V1_ScheduleEvent>, context: ServerContext
    ) async throws -> StreamingServerResponse<Pinit_V1_EventAck> {
        StreamingServerResponse { [store, logger, clock] writer in
            for try await event in request.messages {
                let result = try await store.apply(event, at: clock())
                logger.info("event \(result)", metadata: [
                    "event": "\(event.eventId)", "schedule": "\(event.scheduleId)", "version": "\(event.version)",
                    "kind": "\(event.kind.name)", "state": "\(event.state.name)",
                ])
                var ack = Pinit_V1_EventAck()
                ack.eventId = event.eventId
                ack.applied = result == .applied
                try await writer.write(ack)
            }
            return Metadata()
        }
    }

    /// Registers a device token. Ends with INVALID_ARGUMENT for an empty owner or token.
    public func registerDevice(
        request: ServerRequest<Pinit_V1_RegisterDeviceRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_RegisterDeviceResponse> {
        let message = request.message
        guard !message.ownerId.isEmpty, !message.deviceToken.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "owner_id and device_token must not be empty")
        }
        try await store.registerDevice(token: message.deviceToken, ownerID: message.ownerId, at: clock())
        logger.info("device registered", metadata: ["owner": "\(message.ownerId)"])
        return ServerResponse(message: Pinit_V1_RegisterDeviceResponse())
    }

    /// Removes a device token. Ends with NOT_FOUND for an unknown token.
    public func unregisterDevice(
        request: ServerRequest<Pinit_V1_UnregisterDeviceRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_UnregisterDeviceResponse> {
        guard try await store.unregisterDevice(token: request.message.deviceToken) else {
            throw RPCError(code: .notFound, message: "no device with that token")
        }
        return ServerResponse(message: Pinit_V1_UnregisterDeviceResponse())
    }

    /// Streams a user's notifications, oldest first.
    public func listNotifications(
        request: ServerRequest<Pinit_V1_ListNotificationsRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Pinit_V1_Notification> {
        let notifications = try await store.notifications(ownerID: request.message.ownerId)
        return StreamingServerResponse { writer in
            try await writer.write(contentsOf: notifications)
            return Metadata()
        }
    }
}

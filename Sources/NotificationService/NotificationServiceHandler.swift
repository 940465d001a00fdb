import Foundation
import Logging
import PinitProtos
import RPCCore
import Synchronization

/// Serves `pinit.v1.NotificationService` over a ``NotificationStore``.
public struct NotificationServiceHandler: Pinit_V1_NotificationService.ServiceProtocol {
    private let store: any NotificationStore
    private let logger: Logger
    private let clock: @Sendable () -> Int64
    private let servedKinds: Set<PushDevice.Kind>
    private let draining = DrainFlag()

    /// Creates the handler.
    ///
    /// - Parameters:
    ///   - servedKinds: the kinds of device the service has a sender for; registering a device
    ///     of another kind is refused.
    ///   - clock: the current time in milliseconds since the epoch.
    public init(
        store: any NotificationStore, servedKinds: Set<PushDevice.Kind> = Set(PushDevice.Kind.allCases),
        logger: Logger = Logger(label: "pinit.notification"),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.servedKinds = servedKinds
        self.logger = logger
        self.clock = clock
    }

    /// Ends open and future `SyncEvents` streams (with OK, after the event being applied),
    /// so that a graceful shutdown is not held up by the relay's long-lived stream; the
    /// relay resends whatever was not acknowledged when it reconnects.
    public func beginDraining() {
        draining.set()
    }

    /// Applies the events in the order received and acknowledges them once committed, one
    /// transaction per burst: every event that had arrived when the previous burst was
    /// committed (at most ``burstLimit``) is applied in one transaction, then all their acks
    /// are written, so a commit's fsync is paid per burst rather than per event. A duplicate or
    /// stale event is acknowledged too (with `applied` false), so the sender retires it; so is an
    /// event set aside as impossible to apply (logged once, visible in `pinit audit`). Ends with
    /// OK when the client ends the stream or the service drains, CANCELLED when the stream
    /// breaks, UNKNOWN on a storage failure (nothing of the burst is committed, and the
    /// unacknowledged events are resent on the next stream).
    public func syncEvents(
        request: StreamingServerRequest<Pinit_V1_ScheduleEvent>, context: ServerContext
    ) async throws -> StreamingServerResponse<Pinit_V1_EventAck> {
        StreamingServerResponse { [draining] writer in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await applyAll(request.messages, acknowledgingOn: writer) }
                group.addTask { try await draining.wait() }
                try await group.next()
                group.cancelAll()
            }
            return Metadata()
        }
    }

    /// Most events applied in one transaction.
    public static let burstLimit = 256

    private func applyAll(
        _ events: RPCAsyncSequence<Pinit_V1_ScheduleEvent>, acknowledgingOn writer: RPCWriter<Pinit_V1_EventAck>
    ) async throws {
        try await forEachBurst(of: events, limit: Self.burstLimit) { burst in
            let results = try await store.apply(burst, at: clock())
            var acks: [Pinit_V1_EventAck] = []
            acks.reserveCapacity(burst.count)
            for (event, result) in zip(burst, results) {
                log(event, result)
                var ack = Pinit_V1_EventAck()
                ack.eventId = event.eventId
                ack.applied = result == .applied
                acks.append(ack)
            }
            try await writer.write(contentsOf: acks)
        }
    }

    private func log(_ event: Pinit_V1_ScheduleEvent, _ result: EventApplication) {
        let metadata: Logger.Metadata = [
            "event": "\(event.eventId)", "schedule": "\(event.scheduleId)", "version": "\(event.version)",
            "kind": "\(event.kind.name)", "state": "\(event.state.name)",
        ]
        if case .setAside(let reason) = result {
            logger.error(
                "event set aside: it can never be applied; acknowledged without applying it",
                metadata: metadata.merging(
                    ["reason": "\(reason)"], uniquingKeysWith: { _, new in new }))
        } else {
            logger.info("event \(result)", metadata: metadata)
        }
    }

    /// Registers a device: a generic token, an FCM token or a Web Push subscription. Ends with
    /// INVALID_ARGUMENT naming the field for an empty owner, not exactly one device, or a
    /// device its provider cannot use (see ``DeviceValidation``); FAILED_PRECONDITION for a kind
    /// of device this service has no sender for (its pushes could never go out).
    public func registerDevice(
        request: ServerRequest<Pinit_V1_RegisterDeviceRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_RegisterDeviceResponse> {
        let message = request.message
        guard !message.ownerId.isEmpty else {
            throw RPCError(code: .invalidArgument, message: "owner_id must not be empty")
        }
        let device: PushDevice
        do {
            device = try Self.device(of: message)
        } catch {
            throw RPCError(code: .invalidArgument, message: error.description)
        }
        guard servedKinds.contains(device.kind) else {
            throw RPCError(
                code: .failedPrecondition,
                message: "this service sends no pushes to \(device.kind.rawValue) devices (its --push omits them)")
        }
        try await store.registerDevice(device, ownerID: message.ownerId, at: clock())
        logger.info("device registered", metadata: ["owner": "\(message.ownerId)", "kind": "\(device.kind.rawValue)"])
        return ServerResponse(message: Pinit_V1_RegisterDeviceResponse())
    }

    /// The one device a request names, checked.
    static func device(of message: Pinit_V1_RegisterDeviceRequest) throws(DeviceValidation.Failure) -> PushDevice {
        let given = [!message.deviceToken.isEmpty, !message.fcmToken.isEmpty, message.webPush != nil].filter { $0 }
            .count
        guard given == 1 else {
            throw DeviceValidation.Failure(
                field: "device_token",
                problem: "exactly one of device_token, fcm_token and web_push must be set, not \(given)")
        }
        if let webPush = message.webPush {
            let subscription = WebPushSubscription(
                endpoint: webPush.endpoint, p256dh: webPush.keys?.p256dh ?? "", auth: webPush.keys?.auth ?? "",
                expirationTime: webPush.expirationTime == 0 ? nil : webPush.expirationTime)
            try DeviceValidation.check(subscription)
            return .webPush(subscription)
        }
        if !message.fcmToken.isEmpty {
            try DeviceValidation.check(fcmToken: message.fcmToken)
            return .fcm(token: message.fcmToken)
        }
        return .token(message.deviceToken)
    }

    /// Removes a device by its token or Web Push endpoint. Ends with NOT_FOUND for an unknown one.
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

/// Set once the service drains; ``wait()`` returns then (polling, and cancellable).
private final class DrainFlag: Sendable {
    private let isSet = Mutex(false)

    func set() { isSet.withLock { $0 = true } }

    func wait() async throws {
        while !isSet.withLock({ $0 }) { try await Task.sleep(for: .milliseconds(100)) }
    }
}

import Foundation
import Logging
import PinitProtos
import ProtoCodec
import RPCCore

/// Serves `pinit.v1.TaskService` over a ``ScheduleStore``: checks each request against
/// ``ScheduleRules`` and commits the schedule with its outbox event.
public struct ScheduleServiceHandler: Pinit_V1_TaskService.ServiceProtocol {
    private let store: any ScheduleStore
    private let clock: @Sendable () -> Int64
    private let logger: Logger

    /// Creates the handler.
    ///
    /// - Parameter clock: the current time in milliseconds since the epoch (tests fix it).
    public init(
        store: any ScheduleStore, logger: Logger = Logger(label: "pinit.task"),
        clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }
    ) {
        self.store = store
        self.clock = clock
        self.logger = logger
    }

    /// Creates a schedule. Ends with INVALID_ARGUMENT (empty owner or title, start not in the
    /// future) or ALREADY_EXISTS (the owner used `request_id` for a different title or start).
    ///
    /// With a `request_id`, a retry returns the schedule the first call created instead of
    /// creating another: the id is looked up first (so a retry after the start time passed still
    /// gets its schedule), and again inside the inserting transaction (so two racing retries
    /// create one schedule). ALREADY_EXISTS rather than INVALID_ARGUMENT for a reused id: the
    /// request is well-formed, it names a creation that already exists.
    public func createSchedule(
        request: ServerRequest<Pinit_V1_CreateScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        let message = request.message
        let requestID = message.requestId.isEmpty ? nil : message.requestId
        if let requestID, let earlier = try await store.createRequest(id: requestID, ownerID: message.ownerId) {
            return ServerResponse(message: try retried(earlier, message))
        }
        let change: ScheduleChange
        do {
            change = try ScheduleRules.create(
                id: "sch-\(UUID().uuidString.lowercased())", ownerID: message.ownerId, title: message.title,
                startMilliseconds: message.startTime?.milliseconds ?? 0, now: clock(), eventID: Self.newEventID())
        } catch {
            throw error.rpcError
        }
        if let earlier = try await store.insert(change, requestID: requestID) {
            return ServerResponse(message: try retried(earlier, message))
        }
        logger.info("schedule created", metadata: ["schedule": "\(change.schedule.id)", "owner": "\(message.ownerId)"])
        return ServerResponse(message: change.schedule)
    }

    /// The schedule an earlier call created under the request's id, if it asked for the same.
    private func retried(_ earlier: CreateRequestRecord, _ message: Pinit_V1_CreateScheduleRequest) throws
        -> Pinit_V1_Schedule
    {
        guard earlier.title == message.title, earlier.startMilliseconds == message.startTime?.milliseconds ?? 0 else {
            throw RPCError(
                code: .alreadyExists,
                message: """
                    request_id "\(message.requestId)" was used by \(message.ownerId) to create schedule \(earlier.schedule.id) \
                    with a different title or start time
                    """)
        }
        logger.info(
            "create retried; returning the schedule created first",
            metadata: [
                "schedule": "\(earlier.schedule.id)", "owner": "\(message.ownerId)", "request": "\(message.requestId)",
            ])
        return earlier.schedule
    }

    /// Returns a schedule. Ends with NOT_FOUND for an unknown id.
    public func getSchedule(
        request: ServerRequest<Pinit_V1_GetScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        guard let schedule = try await store.schedule(id: request.message.scheduleId) else {
            throw Self.notFound(request.message.scheduleId)
        }
        return ServerResponse(message: schedule)
    }

    /// Streams a user's schedules, earliest start first.
    public func listSchedules(
        request: ServerRequest<Pinit_V1_ListSchedulesRequest>, context: ServerContext
    ) async throws -> StreamingServerResponse<Pinit_V1_Schedule> {
        let schedules = try await store.schedules(ownerID: request.message.ownerId)
        return StreamingServerResponse { writer in
            try await writer.write(contentsOf: schedules)
            return Metadata()
        }
    }

    /// Starts a schedule. Ends with NOT_FOUND or FAILED_PRECONDITION (not NOT_STARTED).
    public func startSchedule(
        request: ServerRequest<Pinit_V1_ScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        ServerResponse(message: try await change(request.message.scheduleId, .start))
    }

    /// Cancels a schedule. Ends with NOT_FOUND or FAILED_PRECONDITION (already terminal).
    public func cancelSchedule(
        request: ServerRequest<Pinit_V1_ScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        ServerResponse(message: try await change(request.message.scheduleId, .cancel))
    }

    /// Completes a started schedule. Ends with NOT_FOUND or FAILED_PRECONDITION (not STARTED).
    public func completeSchedule(
        request: ServerRequest<Pinit_V1_ScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        ServerResponse(message: try await change(request.message.scheduleId, .complete))
    }

    /// Moves a schedule's start time. Ends with NOT_FOUND, INVALID_ARGUMENT (not in the
    /// future) or FAILED_PRECONDITION (not NOT_STARTED).
    public func rescheduleSchedule(
        request: ServerRequest<Pinit_V1_RescheduleScheduleRequest>, context: ServerContext
    ) async throws -> ServerResponse<Pinit_V1_Schedule> {
        let start = request.message.startTime?.milliseconds ?? 0
        return ServerResponse(
            message: try await change(request.message.scheduleId, .reschedule(startMilliseconds: start)))
    }

    private func change(_ scheduleID: String, _ command: ScheduleCommand) async throws -> Pinit_V1_Schedule {
        let clock = self.clock
        let eventID = Self.newEventID()
        let updated: Pinit_V1_Schedule?
        do {
            // The change is stamped once the store holds the schedule for it, not when the call
            // arrived: a start that waited for the database behind the push's confirmation
            // must not claim to have happened before it.
            updated = try await store.update(scheduleID: scheduleID) { current in
                try ScheduleRules.apply(command, to: current, now: clock(), eventID: eventID)
            }
        } catch let violation as ScheduleRuleViolation {
            throw violation.rpcError
        }
        guard let updated else { throw Self.notFound(scheduleID) }
        logger.info(
            "schedule changed",
            metadata: ["schedule": "\(scheduleID)", "state": "\(updated.state.name)", "version": "\(updated.version)"])
        return updated
    }

    private static func newEventID() -> String { "evt-\(UUID().uuidString.lowercased())" }

    private static func notFound(_ id: String) -> RPCError {
        RPCError(code: .notFound, message: "no schedule with id \"\(id)\"")
    }
}

import PinitProtos
import RPCCore

/// Asks the source of truth, the task service, for a schedule's current state just before
/// its push is sent: the notification service's own copy may lag behind a start, cancel or
/// move committed moments before the start time.
public protocol ScheduleConfirmation: Sendable {
    /// The schedule as the task service has it now, or `nil` when it does not know the id.
    ///
    /// - Throws: when the task service could not answer (unreachable, timed out): the state
    ///   is then unconfirmed and the push waits.
    func currentSchedule(id: String) async throws -> Pinit_V1_Schedule?
}

/// ``ScheduleConfirmation`` through the task service's typed `GetSchedule`, each call bounded
/// by ``timeout``.
public struct TaskServiceConfirmation<Transport: ClientTransport>: ScheduleConfirmation {
    /// The task service's client.
    public let client: Pinit_V1_TaskService.Client<Transport>
    /// The deadline of each `GetSchedule`.
    public let timeout: Duration

    /// Creates a confirmation over `client`.
    public init(client: Pinit_V1_TaskService.Client<Transport>, timeout: Duration = .seconds(2)) {
        self.client = client
        self.timeout = timeout
    }

    /// Calls `GetSchedule`; NOT_FOUND is `nil`, any other failure is thrown.
    public func currentSchedule(id: String) async throws -> Pinit_V1_Schedule? {
        var request = Pinit_V1_GetScheduleRequest()
        request.scheduleId = id
        var options = CallOptions()
        options.timeout = timeout
        do {
            return try await client.getSchedule(ClientRequest(message: request), options: options).message
        } catch {
            guard error.code == .notFound else { throw error }
            return nil
        }
    }
}

/// What the task service's answer means for a due job.
public enum ConfirmedDecision: Sendable, Hashable {
    /// NOT_STARTED at the job's start time: send.
    case send
    /// NOT_STARTED at another start time: the job becomes that time's notification.
    case moved(start: Int64, version: Int64)
    /// Started, canceled, completed or unknown: no push, for this reason.
    case suppress(reason: String)

    /// Decides for `job` from `schedule`, the task service's answer (`nil`: unknown id).
    public static func decide(_ job: NotificationJob, schedule: Pinit_V1_Schedule?) -> ConfirmedDecision {
        guard let schedule else { return .suppress(reason: "schedule not found at the task service") }
        switch schedule.state {
        case .notStarted:
            let start = schedule.startTime?.milliseconds ?? 0
            guard start == job.dueAt else { return .moved(start: start, version: schedule.version) }
            return .send
        case .started: return .suppress(reason: "started before its start time")
        case .canceled: return .suppress(reason: "canceled")
        case .completed: return .suppress(reason: "completed before its start time")
        case .unrecognized(let value): return .suppress(reason: "unknown schedule state \(value)")
        }
    }
}

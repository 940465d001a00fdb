import Foundation
import PinitProtos
import ProtoCodec
import RPCCore

/// A change a client asks for on an existing schedule.
public enum ScheduleCommand: Sendable, Hashable {
    /// NOT_STARTED → STARTED.
    case start
    /// NOT_STARTED or STARTED → CANCELED.
    case cancel
    /// STARTED → COMPLETED.
    case complete
    /// A NOT_STARTED schedule's start time moves to the given time (milliseconds since the epoch).
    case reschedule(startMilliseconds: Int64)
}

/// A move the schedule rules refuse, with the status a client sees.
public struct ScheduleRuleViolation: Error, Sendable, Hashable, CustomStringConvertible {
    /// INVALID_ARGUMENT, FAILED_PRECONDITION or NOT_FOUND.
    public var code: StatusCode
    /// What was wrong, for a person.
    public var message: String

    /// Creates a violation.
    public init(code: StatusCode, message: String) {
        self.code = code
        self.message = message
    }

    /// The error a handler throws for it.
    public var rpcError: RPCError { RPCError(code: code, message: message) }

    /// `CODE: message`.
    public var description: String { "\(code.name): \(message)" }
}

/// A schedule after a change, and the event that publishes the change.
public struct ScheduleChange: Sendable, Hashable {
    /// The schedule as stored after the change.
    public var schedule: Pinit_V1_Schedule
    /// The event written to the outbox in the same transaction.
    public var event: Pinit_V1_ScheduleEvent
}

/// The schedule state machine: pure functions from a schedule and a command to the next
/// schedule and its event, or a ``ScheduleRuleViolation``. No I/O.
public enum ScheduleRules {
    /// A new NOT_STARTED schedule at version 1.
    ///
    /// - Throws: INVALID_ARGUMENT for an empty owner or title, or a start time not after `now`.
    public static func create(
        id: String, ownerID: String, title: String, startMilliseconds: Int64, now: Int64, eventID: String
    ) throws(ScheduleRuleViolation) -> ScheduleChange {
        guard !ownerID.isEmpty else {
            throw ScheduleRuleViolation(code: .invalidArgument, message: "owner_id is empty")
        }
        guard !title.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ScheduleRuleViolation(code: .invalidArgument, message: "title is empty")
        }
        try requireFuture(startMilliseconds, now: now)
        var schedule = Pinit_V1_Schedule()
        schedule.id = id
        schedule.ownerId = ownerID
        schedule.title = title
        schedule.startTime = Google_Protobuf_Timestamp(milliseconds: startMilliseconds)
        schedule.state = .notStarted
        schedule.version = 1
        return ScheduleChange(
            schedule: schedule, event: event(for: schedule, kind: .created, now: now, eventID: eventID))
    }

    /// The schedule after `command`, at the next version.
    ///
    /// - Throws: FAILED_PRECONDITION for a move the current state does not allow (starting a
    ///   canceled schedule, anything on a completed one); INVALID_ARGUMENT for a new start
    ///   time not after `now`.
    public static func apply(
        _ command: ScheduleCommand, to current: Pinit_V1_Schedule, now: Int64, eventID: String
    ) throws(ScheduleRuleViolation) -> ScheduleChange {
        var next = current
        let kind: Pinit_V1_ScheduleEventKind
        switch (command, current.state) {
        case (.start, .notStarted):
            next.state = .started
            kind = .started
        case (.cancel, .notStarted), (.cancel, .started):
            next.state = .canceled
            kind = .canceled
        case (.complete, .started):
            next.state = .completed
            kind = .completed
        case (.reschedule(let start), .notStarted):
            try requireFuture(start, now: now)
            next.startTime = Google_Protobuf_Timestamp(milliseconds: start)
            kind = .rescheduled
        default:
            throw ScheduleRuleViolation(
                code: .failedPrecondition,
                message: "cannot \(command.verb) schedule \(current.id): it is \(current.state.name)")
        }
        next.version = current.version + 1
        return ScheduleChange(schedule: next, event: event(for: next, kind: kind, now: now, eventID: eventID))
    }

    private static func requireFuture(_ start: Int64, now: Int64) throws(ScheduleRuleViolation) {
        guard start > now else {
            throw ScheduleRuleViolation(code: .invalidArgument, message: "start_time must be in the future")
        }
    }

    private static func event(
        for schedule: Pinit_V1_Schedule, kind: Pinit_V1_ScheduleEventKind, now: Int64, eventID: String
    ) -> Pinit_V1_ScheduleEvent {
        var event = Pinit_V1_ScheduleEvent()
        event.eventId = eventID
        event.scheduleId = schedule.id
        event.ownerId = schedule.ownerId
        event.version = schedule.version
        event.state = schedule.state
        event.startTime = schedule.startTime
        event.title = schedule.title
        event.occurredAt = Google_Protobuf_Timestamp(milliseconds: now)
        event.kind = kind
        return event
    }
}

extension ScheduleCommand {
    /// The command's verb for messages: `start`, `cancel`, `complete`, `reschedule`.
    var verb: String {
        switch self {
        case .start: "start"
        case .cancel: "cancel"
        case .complete: "complete"
        case .reschedule: "reschedule"
        }
    }
}

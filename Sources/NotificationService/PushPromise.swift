import PinitProtos
import ProtoCodec

/// pinit's promise checked after the fact: a push for schedule S at start time T is right only
/// if, when T came, S was NOT_STARTED and due at T, by the task service's own history (its
/// outbox events, each stamped with its commit time).
public enum PushPromise {
    /// The pushes that broke the promise: their schedule's last event committed before the
    /// push's start time had it started, canceled, completed or moved elsewhere.
    ///
    /// - Parameters:
    ///   - pushes: the pushes delivered (each key once).
    ///   - events: every event the task service committed, in any order.
    public static func wrongPushes(_ pushes: [Push], events: [Pinit_V1_ScheduleEvent]) -> [Push] {
        let bySchedule = Dictionary(grouping: events, by: \.scheduleId)
        return pushes.filter { push in
            let before = (bySchedule[push.scheduleID] ?? []).filter {
                ($0.occurredAt?.milliseconds ?? 0) < push.startTime
            }
            guard let last = before.max(by: { $0.version < $1.version }) else { return true }
            return last.state != .notStarted || (last.startTime?.milliseconds ?? 0) != push.startTime
        }
    }

    /// Schedules that were due and got no decision: by the task service's last event each was
    /// NOT_STARTED at a start time before `dueBefore`, and no notification was decided for that
    /// schedule at that start time.
    ///
    /// - Parameters:
    ///   - events: every event the task service committed, in any order.
    ///   - decided: every notification decided.
    ///   - dueBefore: milliseconds since the epoch.
    /// - Returns: the ids of the schedules, sorted.
    public static func undecidedSchedules(
        events: [Pinit_V1_ScheduleEvent], decided: [Pinit_V1_Notification], dueBefore: Int64
    ) -> [String] {
        struct Due: Hashable {
            let scheduleID: String
            let start: Int64
        }
        let decidedDue = Set(decided.map { Due(scheduleID: $0.scheduleId, start: $0.startTime?.milliseconds ?? 0) })
        let latest = Dictionary(
            events.map { ($0.scheduleId, $0) }, uniquingKeysWith: { $0.version >= $1.version ? $0 : $1 })
        return latest.values.filter { event in
            let start = event.startTime?.milliseconds ?? 0
            return event.state == .notStarted && start < dueBefore
                && !decidedDue.contains(Due(scheduleID: event.scheduleId, start: start))
        }.map(\.scheduleId).sorted()
    }

    /// The notifications sent more than `threshold` milliseconds after their start time.
    public static func latePushes(_ notifications: [Pinit_V1_Notification], threshold: Int64) -> [Pinit_V1_Notification]
    {
        notifications.filter { notification in
            guard notification.outcome == .sent else { return false }
            let start = notification.startTime?.milliseconds ?? 0
            return (notification.decidedAt?.milliseconds ?? start) - start > threshold
        }
    }
}

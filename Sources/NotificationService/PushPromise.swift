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
            let before = (bySchedule[push.scheduleID] ?? []).filter { ($0.occurredAt?.milliseconds ?? 0) < push.startTime }
            guard let last = before.max(by: { $0.version < $1.version }) else { return true }
            return last.state != .notStarted || (last.startTime?.milliseconds ?? 0) != push.startTime
        }
    }

    /// The notifications sent more than `threshold` milliseconds after their start time.
    public static func latePushes(_ notifications: [Pinit_V1_Notification], threshold: Int64) -> [Pinit_V1_Notification] {
        notifications.filter { notification in
            guard notification.outcome == .sent else { return false }
            let start = notification.startTime?.milliseconds ?? 0
            return (notification.decidedAt?.milliseconds ?? start) - start > threshold
        }
    }
}

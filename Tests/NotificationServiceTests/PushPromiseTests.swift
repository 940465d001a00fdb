import NotificationService
import PinitProtos
import ProtoCodec
import Testing

/// Issue 15, finding 8: the audit could not see a push for a schedule started, canceled or
/// moved before its start time, nor a late one.
@Suite("The audit's view of the promise")
struct PushPromiseTests {
    private func push(_ schedule: String, start: Int64) -> Push {
        Push(
            idempotencyKey: NotificationJob.notificationID(scheduleID: schedule, start: start), scheduleID: schedule,
            ownerID: "alice", deviceTokens: ["t"], title: "t", startTime: start)
    }

    private func committed(_ base: Pinit_V1_ScheduleEvent, at milliseconds: Int64) -> Pinit_V1_ScheduleEvent {
        var event = base
        event.occurredAt = Google_Protobuf_Timestamp(milliseconds: milliseconds)
        return event
    }

    @Test(
        "a push after a start, a cancel or a move committed before the start time is wrong; one for a schedule still due is right"
    )
    func wrongPushes() {
        let events = [
            committed(event("a1", schedule: "due", version: 1, start: 10_000), at: 1_000),
            committed(event("b1", schedule: "started", version: 1, start: 10_000), at: 1_000),
            committed(
                event("b2", schedule: "started", version: 2, state: .started, start: 10_000, kind: .started), at: 9_700),
            committed(event("c1", schedule: "canceled", version: 1, start: 10_000), at: 1_000),
            committed(
                event("c2", schedule: "canceled", version: 2, state: .canceled, start: 10_000, kind: .canceled),
                at: 9_980),
            committed(event("d1", schedule: "moved", version: 1, start: 10_000), at: 1_000),
            committed(event("d2", schedule: "moved", version: 2, start: 20_000, kind: .rescheduled), at: 9_000),
            committed(event("e1", schedule: "late-start", version: 1, start: 10_000), at: 1_000),
            committed(
                event("e2", schedule: "late-start", version: 2, state: .started, start: 10_000, kind: .started),
                at: 10_001),
        ]
        let pushes = [
            push("due", start: 10_000), push("started", start: 10_000), push("canceled", start: 10_000),
            push("moved", start: 10_000), push("moved", start: 20_000), push("late-start", start: 10_000),
        ]
        #expect(
            PushPromise.wrongPushes(pushes, events: events).map(\.idempotencyKey) == [
                "ntf-started-10000", "ntf-canceled-10000", "ntf-moved-10000",
            ])
    }

    @Test("a sent push decided more than the threshold after its start time is late")
    func latePushes() {
        func notification(_ id: String, _ outcome: Pinit_V1_NotificationOutcome, start: Int64, decided: Int64)
            -> Pinit_V1_Notification
        {
            var notification = Pinit_V1_Notification()
            notification.notificationId = id
            notification.outcome = outcome
            notification.startTime = Google_Protobuf_Timestamp(milliseconds: start)
            notification.decidedAt = Google_Protobuf_Timestamp(milliseconds: decided)
            return notification
        }
        let decided = [
            notification("on-time", .sent, start: 10_000, decided: 10_200),
            notification("late", .sent, start: 10_000, decided: 25_000),
            notification("late-but-suppressed", .suppressed, start: 10_000, decided: 90_000),
        ]
        #expect(PushPromise.latePushes(decided, threshold: 10_000).map(\.notificationId) == ["late"])
    }

    @Test(
        "a schedule due before the horizon by its last event needs a decision at that start time; started, canceled and later ones do not"
    )
    func undecidedSchedules() {
        func decision(_ schedule: String, start: Int64) -> Pinit_V1_Notification {
            var notification = Pinit_V1_Notification()
            notification.scheduleId = schedule
            notification.outcome = .suppressed
            notification.reason = "no device"
            notification.startTime = Google_Protobuf_Timestamp(milliseconds: start)
            return notification
        }
        let events = [
            event("a1", schedule: "decided", version: 1, start: 10_000),
            event("b1", schedule: "forgotten", version: 1, start: 10_000),
            event("c1", schedule: "moved", version: 1, start: 10_000),
            event("c2", schedule: "moved", version: 2, start: 12_000, kind: .rescheduled),
            event("d1", schedule: "started", version: 1, start: 10_000),
            event("d2", schedule: "started", version: 2, state: .started, start: 10_000, kind: .started),
            event("e1", schedule: "not-yet", version: 1, start: 30_000),
        ]
        let decided = [decision("decided", start: 10_000), decision("moved", start: 10_000)]
        #expect(
            PushPromise.undecidedSchedules(events: events, decided: decided, dueBefore: 20_000) == [
                "forgotten", "moved",
            ])
    }
}

import Foundation
import NotificationService
import PinitProtos
import TaskService

/// What really happened, read from the push file and both databases after a run.
struct DeliveryAudit {
    /// Distinct idempotency keys in the push file.
    var sent: Int
    /// Notifications recorded as suppressed.
    var suppressed: Int
    /// Push lines whose idempotency key appeared on an earlier line.
    var duplicates: Int
    /// Events the task service committed that the notification service never received.
    var lost: Int
    /// Events the notification service received but set aside as impossible to apply.
    var setAside: Int
    /// Notifications recorded FAILED (the provider refused, or every attempt failed).
    var failed: Int
    /// Pushes for schedules that were started, canceled, completed or moved before their
    /// start time, by the task service's history (``PushPromise/wrongPushes(_:events:)``).
    var wrong: Int
    /// Pushes sent later than the audit's threshold after their start time.
    var late: Int
    /// Schedules due (NOT_STARTED at a start time before the audit's horizon, by the task
    /// service's last event) for which no notification was decided: promised and never kept.
    var undecided: Int
    /// Notifications suppressed without a reason.
    var unexplained: Int
    /// How late each sent push went out (decision time minus start time), in milliseconds, sorted.
    var lateness: [Int64]
    /// Every recorded moment, in time order.
    var timeline: [TimelineEntry]

    /// One line of the timeline.
    struct TimelineEntry {
        /// Milliseconds since the epoch.
        var time: Int64
        /// What happened.
        var text: String
    }

    /// Reads the task service's outbox, the notification service's records and the push file.
    ///
    /// - Parameters:
    ///   - lateAfter: how late after its start time a push counts as late.
    ///   - dueBefore: schedules due before this moment (milliseconds since the epoch) must have
    ///     a decided notification; `nil` checks none.
    static func load(
        tasks: any ScheduleStore, notifications: any NotificationStore, pushFile: URL,
        lateAfter: Duration = .seconds(10),
        dueBefore: Int64? = nil
    ) async throws -> DeliveryAudit {
        let outbox = try await tasks.allEvents()
        let received = try await notifications.receivedEvents()
        let setAside = try await notifications.setAsideEvents()
        let decided = try await notifications.notifications(ownerID: nil)
        let pushes =
            FileManager.default.fileExists(atPath: pushFile.path) ? try FilePushSender.readPushes(at: pushFile) : []

        let titles = Dictionary(
            outbox.map { ($0.event.scheduleId, $0.event.title) }, uniquingKeysWith: { _, last in last })
        func label(_ scheduleID: String) -> String { "\"\(titles[scheduleID] ?? scheduleID)\"" }
        var timeline: [TimelineEntry] = []
        for entry in outbox {
            let event = entry.event
            timeline.append(
                TimelineEntry(
                    time: event.occurredAt?.milliseconds ?? 0,
                    text:
                        "task service   committed \(event.kind.name) of \(label(event.scheduleId)) v\(event.version) (\(event.ownerId))"
                ))
            if let acknowledged = entry.acknowledgedAt {
                timeline.append(
                    TimelineEntry(
                        time: acknowledged,
                        text: "task service   ack received for \(label(event.scheduleId)) v\(event.version); retired"))
            }
        }
        for event in received {
            let verb = event.applied ? "applied" : "ignored (stale)"
            timeline.append(
                TimelineEntry(
                    time: event.receivedAt,
                    text: "notifications  \(verb) event of \(label(event.scheduleID)) v\(event.version)"))
        }
        for event in setAside {
            timeline.append(
                TimelineEntry(
                    time: event.setAsideAt,
                    text:
                        "notifications  SET ASIDE event \(event.eventID) of \(label(event.scheduleID)) v\(event.version): \(event.reason)"
                ))
        }
        let fileKeys = Set(pushes.map(\.idempotencyKey))
        for notification in decided {
            let what =
                switch notification.outcome {
                case .sent:
                    "push SENT to \(notification.ownerId) via \(fileKeys.contains(notification.notificationId) ? "the push file" : "Web Push or FCM")"
                case .failed: "push FAILED for \(notification.ownerId) (\(notification.reason))"
                case .unregistered:
                    "push UNREGISTERED for \(notification.ownerId): devices removed (\(notification.reason))"
                default: "push SUPPRESSED for \(notification.ownerId) (reason: \(notification.reason))"
                }
            timeline.append(
                TimelineEntry(
                    time: notification.decidedAt?.milliseconds ?? 0,
                    text: "notifications  \(what): \(label(notification.scheduleId))"))
        }
        let receivedIDs = Set(received.map(\.eventID) + setAside.map(\.eventID))
        let keys = pushes.map(\.idempotencyKey)
        var seenKeys = Set<String>()
        let distinctPushes = pushes.filter { seenKeys.insert($0.idempotencyKey).inserted }
        let wrong = PushPromise.wrongPushes(distinctPushes, events: outbox.map(\.event))
        for push in wrong {
            timeline.append(
                TimelineEntry(
                    time: push.startTime,
                    text: "audit          WRONG push \(push.idempotencyKey): \(label(push.scheduleID)) was not due then"
                ))
        }
        return DeliveryAudit(
            sent: Set(keys).count, suppressed: decided.filter { $0.outcome == .suppressed }.count,
            duplicates: keys.count - Set(keys).count,
            lost: outbox.filter { !receivedIDs.contains($0.event.eventId) }.count, setAside: setAside.count,
            failed: decided.filter { $0.outcome == .failed }.count, wrong: wrong.count,
            late: PushPromise.latePushes(decided, threshold: lateAfter.components.seconds * 1000).count,
            undecided: dueBefore.map {
                PushPromise.undecidedSchedules(events: outbox.map(\.event), decided: decided, dueBefore: $0).count
            } ?? 0,
            unexplained: decided.filter { $0.outcome == .suppressed && $0.reason.isEmpty }.count,
            lateness: decided.filter { $0.outcome == .sent }.map {
                ($0.decidedAt?.milliseconds ?? 0) - ($0.startTime?.milliseconds ?? 0)
            }.sorted(),
            timeline: timeline.sorted { $0.time < $1.time })
    }

    /// `PREFIX: S sent, U suppressed, D duplicates, L lost, W wrong, T late`, with `, F failed`,
    /// `, A set aside` and `, N undecided` when any was.
    func summary(prefix: String) -> String {
        "\(prefix): \(sent) sent, \(suppressed) suppressed, \(duplicates) duplicates, \(lost) lost, \(wrong) wrong, \(late) late"
            + (failed > 0 ? ", \(failed) failed" : "") + (setAside > 0 ? ", \(setAside) set aside" : "")
            + (undecided > 0 ? ", \(undecided) undecided" : "")
    }

    /// The lateness below which `fraction` of the sent pushes went out, in milliseconds (0 when
    /// none was sent).
    func latenessPercentile(_ fraction: Double) -> Int64 {
        guard !lateness.isEmpty else { return 0 }
        return lateness[min(lateness.count - 1, Int((Double(lateness.count) * fraction).rounded(.up)) - 1)]
    }
}

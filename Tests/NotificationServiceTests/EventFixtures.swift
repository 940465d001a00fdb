import PinitProtos
import ProtoCodec

/// An event for schedule `schedule` owned by `owner`, as the task service would send it.
func event(
    _ id: String, schedule: String = "s1", owner: String = "alice", version: Int64,
    state: Pinit_V1_ScheduleState = .notStarted,
    start: Int64 = 10_000, kind: Pinit_V1_ScheduleEventKind = .created
) -> Pinit_V1_ScheduleEvent {
    var event = Pinit_V1_ScheduleEvent()
    event.eventId = id
    event.scheduleId = schedule
    event.ownerId = owner
    event.version = version
    event.state = state
    event.startTime = Google_Protobuf_Timestamp(milliseconds: start)
    event.title = "title of \(schedule)"
    event.kind = kind
    return event
}

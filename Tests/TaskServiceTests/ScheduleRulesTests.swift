import PinitProtos
import RPCCore
import TaskService
import Testing

@Suite("Schedule state machine")
struct ScheduleRulesTests {
    private let now: Int64 = 1_000_000

    private func created(start: Int64 = 1_060_000) throws -> Pinit_V1_Schedule {
        try ScheduleRules.create(
            id: "s1", ownerID: "alice", title: "Stand-up", startMilliseconds: start, now: now, eventID: "e1"
        ).schedule
    }

    private func violation(_ body: () throws(ScheduleRuleViolation) -> ScheduleChange) -> StatusCode? {
        do {
            _ = try body()
            return nil
        } catch {
            return error.code
        }
    }

    @Test("a new schedule is NOT_STARTED at version 1 and its event says created")
    func create() throws {
        let change = try ScheduleRules.create(
            id: "s1", ownerID: "alice", title: "Stand-up", startMilliseconds: 1_060_000, now: now, eventID: "e1")
        #expect(change.schedule.state == .notStarted)
        #expect(change.schedule.version == 1)
        #expect(change.event.kind == .created)
        #expect(change.event.version == 1)
        #expect(change.event.startTime?.milliseconds == 1_060_000)
    }

    @Test("an empty title, an empty owner or a start time not in the future is INVALID_ARGUMENT")
    func invalidArguments() {
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.create(
                    id: "s", ownerID: "alice", title: "  ", startMilliseconds: 2_000_000, now: now, eventID: "e")
            } == .invalidArgument)
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.create(
                    id: "s", ownerID: "", title: "t", startMilliseconds: 2_000_000, now: now, eventID: "e")
            } == .invalidArgument)
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.create(
                    id: "s", ownerID: "alice", title: "t", startMilliseconds: now, now: now, eventID: "e")
            } == .invalidArgument)
    }

    @Test("starting a canceled schedule is FAILED_PRECONDITION")
    func startCanceled() throws {
        let canceled = try ScheduleRules.apply(.cancel, to: created(), now: now, eventID: "e2").schedule
        #expect(canceled.state == .canceled)
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.apply(.start, to: canceled, now: now, eventID: "e3")
            } == .failedPrecondition)
    }

    @Test("every move out of a terminal state, and completing an unstarted schedule, is FAILED_PRECONDITION")
    func terminalStates() throws {
        let started = try ScheduleRules.apply(.start, to: created(), now: now, eventID: "e2").schedule
        let completed = try ScheduleRules.apply(.complete, to: started, now: now, eventID: "e3").schedule
        let fresh = try created()
        for command in [ScheduleCommand.start, .cancel, .complete, .reschedule(startMilliseconds: 2_000_000)] {
            #expect(
                violation { () throws(ScheduleRuleViolation) in
                    try ScheduleRules.apply(command, to: completed, now: now, eventID: "x")
                } == .failedPrecondition)
        }
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.apply(.complete, to: fresh, now: now, eventID: "x")
            } == .failedPrecondition)
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.apply(.reschedule(startMilliseconds: 2_000_000), to: started, now: now, eventID: "x")
            } == .failedPrecondition)
    }

    @Test("rescheduling moves the start time, bumps the version, and refuses a past time")
    func reschedule() throws {
        let fresh = try created()
        let change = try ScheduleRules.apply(
            .reschedule(startMilliseconds: 1_500_000), to: fresh, now: now, eventID: "e2")
        #expect(change.schedule.startTime?.milliseconds == 1_500_000)
        #expect(change.schedule.version == 2)
        #expect(change.event.kind == .rescheduled)
        #expect(change.event.state == .notStarted)
        #expect(
            violation { () throws(ScheduleRuleViolation) in
                try ScheduleRules.apply(.reschedule(startMilliseconds: now - 1), to: fresh, now: now, eventID: "e3")
            } == .invalidArgument)
    }
}

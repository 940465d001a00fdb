import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import RPCCore
import Synchronization

/// The scale run's traffic through the generated clients: `schedules` schedules for `owners`
/// users, each due 15 to 60 seconds after it is created; every tenth user has no device. Some
/// schedules are started, canceled or moved a few seconds (at the closest half a second) before
/// their start time, racing the relay and the push. Creations carry a request id, so a creation
/// retried after a replica died is never doubled.
struct ScheduleLoad: Sendable {
    /// What the load did.
    struct Report: Sendable {
        /// Schedules created.
        var created = 0
        /// From the first creation sent to the last one answered.
        var creationTime = Duration.zero
        /// Schedules started, canceled and moved before their time (the service agreed).
        var started = 0, canceled = 0, moved = 0
        /// Calls that never succeeded (the service refused, or replicas stayed down too long).
        var failures: [String] = []
        /// The latest start time of any schedule, milliseconds since the epoch.
        var latestStart: Int64 = 0
        /// When the last creation was answered.
        fileprivate var lastCreation = ContinuousClock.now
    }

    /// The run's shared state: the next schedule to create and the report so far.
    private final class Tally: Sendable {
        let nextIndex = Atomic<Int>(0)
        let report = Mutex(Report())
    }

    /// A change made to a schedule before its start time.
    private enum Change: CaseIterable {
        case start, cancel, move
    }

    let tasks: Pinit_V1_TaskService.Client<HTTP2ClientTransport>
    let notifications: Pinit_V1_NotificationService.Client<HTTP2ClientTransport>
    let schedules: Int
    let owners: Int
    /// Creations in flight at once.
    let concurrency: Int
    /// The share of schedules changed before their time (a third each started, canceled, moved).
    let changedShare: Double

    /// The owner of schedule `index`.
    private func owner(_ index: Int) -> String { "user-\(index % owners)" }

    /// Registers one device for every user except every tenth.
    func registerDevices() async throws(RPCError) {
        for index in 0..<owners where index % 10 != 0 {
            var request = Pinit_V1_RegisterDeviceRequest()
            request.ownerId = "user-\(index)"
            request.deviceToken = "device-\(index)"
            _ = try await PersistentCall.run { () async throws(RPCError) in
                try await notifications.registerDevice(
                    ClientRequest(message: request), options: PersistentCall.attemptOptions)
            }
        }
    }

    /// A change planned for a created schedule.
    private struct PlannedChange: Sendable {
        let change: Change
        let scheduleID: String
        let start: Int64
    }

    /// Creates every schedule (`concurrency` at a time) while the planned changes wait for
    /// their moments beside them; returns when the last change is done.
    func run() async -> Report {
        let tally = Tally()
        let began = ContinuousClock.now
        let (planned, plan) = AsyncStream.makeStream(of: PlannedChange.self)
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await withTaskGroup(of: Void.self) { changes in
                    for await item in planned {
                        changes.addTask {
                            await make(item.change, to: item.scheduleID, startingAt: item.start, tally: tally)
                        }
                    }
                }
            }
            await withTaskGroup(of: Void.self) { creators in
                for _ in 0..<concurrency {
                    creators.addTask {
                        while case let index = tally.nextIndex.add(1, ordering: .relaxed).oldValue, index < schedules {
                            if let change = await create(index, tally: tally) { plan.yield(change) }
                        }
                    }
                }
            }
            plan.finish()
        }
        var result = tally.report.withLock { $0 }
        result.creationTime = began.duration(to: result.lastCreation)
        return result
    }

    /// Creates schedule `index`; returns the change planned for it, if any.
    private func create(_ index: Int, tally: Tally) async -> PlannedChange? {
        let start = Int64(Date().timeIntervalSince1970 * 1000) + Int64.random(in: 15_000...60_000)
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = owner(index)
        request.title = "scale \(index)"
        request.startTime = Google_Protobuf_Timestamp(milliseconds: start)
        request.requestId = "scale-\(index)"
        let schedule: Pinit_V1_Schedule
        do {
            schedule = try await PersistentCall.run { () async throws(RPCError) in
                try await tasks.createSchedule(ClientRequest(message: request), options: PersistentCall.attemptOptions)
                    .message
            }
        } catch {
            tally.report.withLock { $0.failures.append("create \(index): \(error)") }
            return nil
        }
        let now = ContinuousClock.now
        tally.report.withLock {
            $0.created += 1
            $0.latestStart = max($0.latestStart, start)
            $0.lastCreation = max($0.lastCreation, now)
        }
        guard Double.random(in: 0..<1) < changedShare, let change = Change.allCases.randomElement() else { return nil }
        return PlannedChange(change: change, scheduleID: schedule.id, start: start)
    }

    private func make(_ change: Change, to id: String, startingAt start: Int64, tally: Tally) async {
        let moment = start - Int64.random(in: 500...8_000)
        let wait = moment - Int64(Date().timeIntervalSince1970 * 1000)
        if wait > 0 { try? await Task.sleep(for: .milliseconds(wait)) }
        var target = Pinit_V1_ScheduleRequest()
        target.scheduleId = id
        var move = Pinit_V1_RescheduleScheduleRequest()
        move.scheduleId = id
        let newStart = start + Int64.random(in: 5_000...20_000)
        move.startTime = Google_Protobuf_Timestamp(milliseconds: newStart)
        do {
            _ = try await PersistentCall.run { () async throws(RPCError) in
                switch change {
                case .start:
                    try await tasks.startSchedule(
                        ClientRequest(message: target), options: PersistentCall.attemptOptions
                    ).message
                case .cancel:
                    try await tasks.cancelSchedule(
                        ClientRequest(message: target), options: PersistentCall.attemptOptions
                    ).message
                case .move:
                    try await tasks.rescheduleSchedule(
                        ClientRequest(message: move), options: PersistentCall.attemptOptions
                    ).message
                }
            }
            tally.report.withLock {
                switch change {
                case .start: $0.started += 1
                case .cancel: $0.canceled += 1
                case .move:
                    $0.moved += 1
                    $0.latestStart = max($0.latestStart, newStart)
                }
            }
        } catch  where error.code == .failedPrecondition {
            // A retry after the first attempt committed on a replica that then died.
            tally.report.withLock {
                switch change {
                case .start: $0.started += 1
                case .cancel: $0.canceled += 1
                case .move: $0.failures.append("move \(id): \(error)")
                }
            }
        } catch {
            tally.report.withLock { $0.failures.append("\(change) \(id): \(error)") }
        }
    }
}

import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import ProtocSupport
import RPCCore
import Testing

/// Issue 15 replayed as an operator would: separate processes, two notification processes on
/// one data directory and push file (left with a torn last line by an earlier crash), and
/// schedules started, canceled or moved in the last 300 ms before their start time, the task
/// service killed with SIGKILL right after each such change and started again.
@Suite("Last-moment changes under faults, on the real pinit processes", .serialized)
struct LastMomentFaultTests {
    private static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// What the last moment does to a schedule.
    private enum Change: CaseIterable {
        case none, start, cancel, move
    }

    @Test(
        "no push after a last-moment start or cancel, one push at the new time after a last-moment move, each due push once",
        .timeLimit(.minutes(1)), arguments: [7, 19] as [UInt64])
    func lastMomentChanges(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-last-\(seed)-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let pushFile = root.appendingPathComponent("pushes.jsonl")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try Data(#"{"idempotencyKey":"ntf-torn"#.utf8).write(to: pushFile)

        let taskPort = try PinitProcess.freePort()
        let notificationArguments = [
            "--task-address", "127.0.0.1:\(taskPort)", "--push-file", pushFile.path, "--lease-ms", "2000",
        ]
        let notificationData = root.appendingPathComponent("notification")
        let notifications = [
            PinitProcess(
                name: "notification-service", dataDirectory: notificationData, arguments: notificationArguments),
            PinitProcess(
                name: "notification-service", dataDirectory: notificationData, arguments: notificationArguments),
        ]
        try await notifications[0].start()
        try await notifications[1].start()
        let task = PinitProcess(
            name: "task-service", dataDirectory: root.appendingPathComponent("task"),
            arguments: ["--notification-address", "\(notifications[0].address),\(notifications[1].address)"],
            port: taskPort)
        try await task.start()
        let taskClient = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: taskPort)))
        let notificationClient = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: notifications[0].port)))
        defer {
            taskClient.beginGracefulShutdown()
            notificationClient.beginGracefulShutdown()
        }
        var device = Pinit_V1_RegisterDeviceRequest()
        device.ownerId = "alice"
        device.deviceToken = "alice-phone"
        _ = try await Pinit_V1_NotificationService.Client(wrapping: notificationClient).registerDevice(
            ClientRequest(message: device))
        let tasks = Pinit_V1_TaskService.Client(wrapping: taskClient)

        var expected = Set<String>()
        var forbidden = Set<String>()
        var plan: [(id: String, start: Int64, change: Change, lead: Int64, moveBy: Int64)] = []
        for index in 0..<8 {
            let start = Self.nowMilliseconds() + 2_500 + Int64(index) * 250
            var create = Pinit_V1_CreateScheduleRequest()
            create.ownerId = "alice"
            create.title = "schedule \(index)"
            create.startTime = Google_Protobuf_Timestamp(milliseconds: start)
            let id = try await tasks.createSchedule(ClientRequest(message: create)).message.id
            let change = Change.allCases[index % 4]
            let moveBy = Int64.random(in: 500...1_000, using: &random)
            plan.append((id, start, change, Int64.random(in: 20...300, using: &random), moveBy))
            switch change {
            case .none:
                expected.insert("ntf-\(id)-\(start)")
            case .start, .cancel:
                forbidden.insert("ntf-\(id)-\(start)")
            case .move:
                forbidden.insert("ntf-\(id)-\(start)")
                expected.insert("ntf-\(id)-\(start + moveBy)")
            }
        }
        for step in plan where step.change != .none {
            let at = step.start - step.lead
            let wait = at - Self.nowMilliseconds()
            if wait > 0 { try await Task.sleep(for: .milliseconds(wait)) }
            var target = Pinit_V1_ScheduleRequest()
            target.scheduleId = step.id
            switch step.change {
            case .start: _ = try await tasks.startSchedule(ClientRequest(message: target))
            case .cancel: _ = try await tasks.cancelSchedule(ClientRequest(message: target))
            case .move:
                var move = Pinit_V1_RescheduleScheduleRequest()
                move.scheduleId = step.id
                move.startTime = Google_Protobuf_Timestamp(milliseconds: step.start + step.moveBy)
                _ = try await tasks.rescheduleSchedule(ClientRequest(message: move))
            case .none: break
            }
            // The relay may not have sent the change yet: kill it now, start it again soon.
            await task.stop(signal: SIGKILL)
            try await Task.sleep(for: .milliseconds(Int.random(in: 50...250, using: &random)))
            try await task.start()
        }
        let lastDue = plan.map { $0.start + $0.moveBy }.max() ?? 0
        while Self.nowMilliseconds() < lastDue + 8_000 {
            let sent = Set((try? pushFileKeys(pushFile)) ?? [])
            if sent.isSuperset(of: expected) && Self.nowMilliseconds() > lastDue + 2_500 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(await task.stop(signal: SIGTERM) == 0)
        for notification in notifications { #expect(await notification.stop(signal: SIGTERM) == 0) }

        let keys = try pushFileKeys(pushFile)
        #expect(keys.sorted() == expected.sorted(), "each due push exactly once, the torn line cut")
        #expect(
            Set(keys).isDisjoint(with: forbidden),
            "no push for a schedule started, canceled or moved at the last moment")
    }
}

import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import ProtocSupport
import RPCCore
import Testing

/// What a seed's scenario expects once everything settled.
private struct Expectations {
    var pushKeys: Set<String> = []
    var forbiddenKeys: Set<String> = []
    var suppressed = 0
    var lastDue: Int64 = 0

    /// Both scenarios' expectations together.
    func merged(with other: Expectations) -> Expectations {
        Expectations(
            pushKeys: pushKeys.union(other.pushKeys), forbiddenKeys: forbiddenKeys.union(other.forbiddenKeys),
            suppressed: suppressed + other.suppressed, lastDue: max(lastDue, other.lastDue))
    }
}

@Suite("kill -9 fault tests on the real pinit processes", .serialized)
struct KillRestartFaultTests {
    private static func nowMilliseconds() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test(
        "every due push is sent exactly once, none that must be suppressed is sent, no event is lost",
        .timeLimit(.minutes(1)), arguments: [11, 23, 37, 41, 59] as [UInt64])
    func killAndRestart(seed: UInt64) async throws {
        var random = SeededGenerator(seed: seed)
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "pinit-fault-\(seed)-\(UUID().uuidString.prefix(6))")
        defer { try? FileManager.default.removeItem(at: root) }
        let pushFile = root.appendingPathComponent("pushes.jsonl")
        let (notification, task) = try await PinitProcess.startServices(
            in: root, notificationArguments: ["--push-file", pushFile.path, "--lease-ms", "1500"])

        let taskClient = RPCClient(transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: task.port)))
        let notificationClient = RPCClient(
            transport: HTTP2ClientTransport(target: .tcp(host: "127.0.0.1", port: notification.port)))
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
        let burst = try await playSchedules(tasks, &random, count: 8, pause: 0...0)

        // The task service dies while its relay is mid-stream, then comes back.
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...60, using: &random)))
        await task.stop(signal: SIGKILL)
        try await Task.sleep(for: .milliseconds(Int.random(in: 100...400, using: &random)))
        try await task.start()
        // The notification service dies at random moments while events flow and pushes fall due.
        let flow = Task {
            var generator = SeededGenerator(seed: seed &* 7919)
            return try await playSchedules(tasks, &generator, count: 16, pause: 30...150)
        }
        for _ in 0..<3 {
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...700, using: &random)))
            await notification.stop(signal: SIGKILL)
            try await Task.sleep(for: .milliseconds(Int.random(in: 100...400, using: &random)))
            try await notification.start()
        }
        let expectations = burst.merged(with: try await flow.value)
        // Settled: every expected push is in the file, and a lease (1.5 s) has passed since the
        // last start time, so a job claimed by a killed process has been taken over.
        let settleBy = expectations.lastDue + 1_500 + 5_000
        while Self.nowMilliseconds() < settleBy {
            let sent = Set(((try? pushFileKeys(pushFile)) ?? []))
            if sent.isSuperset(of: expectations.pushKeys) && Self.nowMilliseconds() > expectations.lastDue + 3_000 {
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(await task.stop(signal: SIGTERM) == 0)
        #expect(await notification.stop(signal: SIGTERM) == 0)

        let keys = try pushFileKeys(pushFile)
        #expect(keys.sorted() == expectations.pushKeys.sorted(), "each expected push exactly once")
        #expect(
            Set(keys).isDisjoint(with: expectations.forbiddenKeys), "no push for a started, canceled or moved schedule")
        let audit = try Self.audit(
            task: task.dataDirectory, notification: notification.dataDirectory, pushFile: pushFile)
        #expect(
            audit
                == "audit: \(expectations.pushKeys.count) sent, \(expectations.suppressed) suppressed, 0 duplicates, 0 lost, 0 wrong, 0 late"
        )
    }

    /// Creates `count` schedules a few seconds ahead, `pause` milliseconds apart, and starts,
    /// cancels or reschedules some of them; returns which pushes must (and must not) go out.
    private func playSchedules(
        _ tasks: Pinit_V1_TaskService.Client<HTTP2ClientTransport>, _ random: inout SeededGenerator,
        count: Int, pause: ClosedRange<Int>
    ) async throws -> Expectations {
        var expectations = Expectations()
        for index in 0..<count {
            try await Task.sleep(for: .milliseconds(Int.random(in: pause, using: &random)))
            let owner = index % 4 == 3 ? "carol" : "alice"
            var start = Self.nowMilliseconds() + 2_500 + Int64.random(in: 0...2_500, using: &random)
            var create = Pinit_V1_CreateScheduleRequest()
            create.ownerId = owner
            create.title = "schedule \(index)"
            create.startTime = Google_Protobuf_Timestamp(milliseconds: start)
            let id = try await tasks.createSchedule(ClientRequest(message: create)).message.id
            var target = Pinit_V1_ScheduleRequest()
            target.scheduleId = id
            switch Int.random(in: 0..<4, using: &random) {
            case 1:
                _ = try await tasks.startSchedule(ClientRequest(message: target))
                expectations.forbiddenKeys.insert("ntf-\(id)-\(start)")
                continue
            case 2:
                _ = try await tasks.cancelSchedule(ClientRequest(message: target))
                expectations.forbiddenKeys.insert("ntf-\(id)-\(start)")
                continue
            case 3:
                expectations.forbiddenKeys.insert("ntf-\(id)-\(start)")
                start += Int64.random(in: 300...1_500, using: &random)
                var move = Pinit_V1_RescheduleScheduleRequest()
                move.scheduleId = id
                move.startTime = Google_Protobuf_Timestamp(milliseconds: start)
                _ = try await tasks.rescheduleSchedule(ClientRequest(message: move))
            default:
                break
            }
            expectations.lastDue = max(expectations.lastDue, start)
            if owner == "carol" {
                expectations.suppressed += 1
            } else {
                expectations.pushKeys.insert("ntf-\(id)-\(start)")
            }
        }
        return expectations
    }

    /// Runs `pinit audit` and returns its summary line.
    private static func audit(task: URL, notification: URL, pushFile: URL) throws -> String {
        let process = Process()
        process.executableURL = PinitProcess.executable
        process.arguments = [
            "audit", "--task-data-dir", task.path, "--notification-data-dir", notification.path, "--push-file",
            pushFile.path,
        ]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
    }
}

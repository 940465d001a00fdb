import Foundation
import HTTP2Transport
import PinitProtos
import ProtoCodec
import RPCCore

/// The demo's story, told through the generated clients: schedules a few seconds ahead,
/// one started early, one canceled, one rescheduled, one left alone, one for a user with no
/// device.
struct DemoScenario {
    let tasks: Pinit_V1_TaskService.Client<HTTP2ClientTransport>
    let notifications: Pinit_V1_NotificationService.Client<HTTP2ClientTransport>
    /// dave's browser subscription at the local Web Push service, when the demo runs one.
    let webPush: Pinit_V1_WebPushSubscription?
    let start = ContinuousClock.now

    /// What the demo expects for each schedule it created: `true` when a push must be sent.
    private(set) var expectations: [(title: String, owner: String, pushed: Bool)] = []

    /// Prints `+s.ss  text`, the time counted from the scenario's start.
    func say(_ text: String) {
        let elapsed = start.duration(to: .now)
        let seconds = elapsed.inSeconds
        print(String(format: "%+7.2fs  ", seconds) + text)
    }

    /// Registers devices, creates and changes the schedules.
    mutating func play() async throws {
        for (owner, token) in [("alice", "device-alice-phone"), ("bob", "device-bob-phone")] {
            var request = Pinit_V1_RegisterDeviceRequest()
            request.ownerId = owner
            request.deviceToken = token
            _ = try await notifications.registerDevice(ClientRequest(message: request))
            say("demo           registered device \(token) for \(owner)")
        }
        if let webPush {
            var request = Pinit_V1_RegisterDeviceRequest()
            request.ownerId = "dave"
            request.webPush = webPush
            _ = try await notifications.registerDevice(ClientRequest(message: request))
            say("demo           registered dave's browser: Web Push subscription \(webPush.endpoint)")
        }
        say("demo           carol has no device")
        let standUp = try await create("alice", "Stand-up", inSeconds: 3, pushed: true)
        let run = try await create("alice", "Morning run", inSeconds: 3, pushed: false)
        let dentist = try await create("bob", "Dentist", inSeconds: 3, pushed: false)
        let call = try await create("bob", "Call mom", inSeconds: 2, pushed: true)
        _ = try await create("carol", "Read a book", inSeconds: 3, pushed: false)
        if webPush != nil { _ = try await create("dave", "Water the plants", inSeconds: 3, pushed: true) }
        _ = standUp

        _ = try await tasks.startSchedule(ClientRequest(message: scheduleRequest(run.id)))
        say("demo           started \"Morning run\" early: no push expected")
        _ = try await tasks.cancelSchedule(ClientRequest(message: scheduleRequest(dentist.id)))
        say("demo           canceled \"Dentist\": no push expected")
        var reschedule = Pinit_V1_RescheduleScheduleRequest()
        reschedule.scheduleId = call.id
        reschedule.startTime = Self.timestamp(inSeconds: 5)
        _ = try await tasks.rescheduleSchedule(ClientRequest(message: reschedule))
        say("demo           rescheduled \"Call mom\" from +2s to +5s: one push, at the new time")
        do {
            _ = try await tasks.startSchedule(ClientRequest(message: scheduleRequest(dentist.id)))
        } catch {
            say("demo           starting canceled \"Dentist\" is refused: \(error.code.name)")
        }
    }

    /// Waits until every expected notification was decided (or `timeout` passed), printing
    /// each as the notification service reports it.
    func awaitNotifications(timeout: Duration) async throws {
        var seen = Set<String>()
        let expected = expectations.filter(\.pushed).count + expectations.filter { $0.owner == "carol" }.count
        let end = ContinuousClock.now + timeout
        while seen.count < expected && ContinuousClock.now < end {
            for owner in Set(expectations.map(\.owner)).sorted() {
                var request = Pinit_V1_ListNotificationsRequest()
                request.ownerId = owner
                let listed = try await notifications.listNotifications(ClientRequest(message: request)) { response in
                    var all: [Pinit_V1_Notification] = []
                    for try await notification in response.messages { all.append(notification) }
                    return all
                }
                for notification in listed where seen.insert(notification.notificationId).inserted {
                    let what = notification.outcome == .sent ? "sent" : "suppressed (\(notification.reason))"
                    say("demo           ListNotifications(\(owner)): \"\(notification.title)\" \(what)")
                }
            }
            try await Task.sleep(for: .milliseconds(250))
        }
    }

    private mutating func create(_ owner: String, _ title: String, inSeconds seconds: Double, pushed: Bool) async throws
        -> Pinit_V1_Schedule
    {
        var request = Pinit_V1_CreateScheduleRequest()
        request.ownerId = owner
        request.title = title
        request.startTime = Self.timestamp(inSeconds: seconds)
        let schedule = try await tasks.createSchedule(ClientRequest(message: request)).message
        expectations.append((title, owner, pushed))
        say("demo           created \"\(title)\" for \(owner), starting in \(Int(seconds))s")
        return schedule
    }

    private func scheduleRequest(_ id: String) -> Pinit_V1_ScheduleRequest {
        var request = Pinit_V1_ScheduleRequest()
        request.scheduleId = id
        return request
    }

    private static func timestamp(inSeconds seconds: Double) -> Google_Protobuf_Timestamp {
        Google_Protobuf_Timestamp(date: Date().addingTimeInterval(seconds))
    }
}

import Foundation

/// The filled messages every measure starts from, built field by field from the same values
/// for both libraries (the cross-check then proves they are the same message).
enum Fixtures {
    static let payloadID: Int64 = 1_234_567_890_123
    static let payloadName = "order-7f3a9c2e-items"
    static let payloadBody = Data((0..<48).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
    static let payloadTags: [Int32] = [3, 17, 42, 256, 1024, 65535]
    static let innerScore = 0.875

    static let eventID = "3f2b8c1e-9d4a-4e7b-a6c5-1f0e2d3c4b5a"
    static let scheduleID: Int64 = 48_213_907
    static let ownerID: Int64 = 90_412
    static let version: Int64 = 17
    static let startSeconds: Int64 = 1_795_000_000
    static let startNanos: Int32 = 250_000_000
    static let title = "Weekly sync: platform team"
    static let attributes = [
        "room": "Atlas 3",
        "timezone": "Europe/Berlin",
        "source": "calendar-import",
    ]
    static let occurredSeconds: Int64 = 1_794_990_123
    static let occurredNanos: Int32 = 987_654_321

    static func ourPayload() -> OurPayload {
        var payload = OurPayload()
        payload.id = payloadID
        payload.name = payloadName
        payload.body = payloadBody
        payload.tags = payloadTags
        payload.inner = .init()
        payload.inner?.score = innerScore
        payload.inner?.flag = true
        return payload
    }

    static func swiftProtobufPayload() -> SwiftProtobufPayload {
        .with {
            $0.id = payloadID
            $0.name = payloadName
            $0.body = payloadBody
            $0.tags = payloadTags
            $0.inner.score = innerScore
            $0.inner.flag = true
        }
    }

    static func ourScheduleEvent() -> OurScheduleEvent {
        var event = OurScheduleEvent()
        event.eventID = eventID
        event.scheduleID = scheduleID
        event.ownerID = ownerID
        event.version = version
        event.state = .started
        event.startTime = .init()
        event.startTime?.seconds = startSeconds
        event.startTime?.nanos = startNanos
        event.title = title
        event.attributes = attributes
        event.occurredAt = .init()
        event.occurredAt?.seconds = occurredSeconds
        event.occurredAt?.nanos = occurredNanos
        return event
    }

    static func swiftProtobufScheduleEvent() -> SwiftProtobufScheduleEvent {
        .with {
            $0.eventID = eventID
            $0.scheduleID = scheduleID
            $0.ownerID = ownerID
            $0.version = version
            $0.state = .started
            $0.startTime.seconds = startSeconds
            $0.startTime.nanos = startNanos
            $0.title = title
            $0.attributes = attributes
            $0.occurredAt.seconds = occurredSeconds
            $0.occurredAt.nanos = occurredNanos
        }
    }
}

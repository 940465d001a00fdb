import NotificationService
import Testing

/// A sender answering every push with `answer`, recording the devices it was handed.
private final class FixedAnswerSender: PushSender, @unchecked Sendable {
    let answer: Result<PushReceipt, PushFailure>
    private(set) var devices: [PushDevice] = []

    init(_ answer: Result<PushReceipt, PushFailure>) { self.answer = answer }

    func send(_ push: Push) async throws -> PushReceipt {
        devices += push.devices
        return try answer.get()
    }
}

@Suite("Routing pushes by device kind")
struct RoutingPushSenderTests {
    private let push = Push(
        idempotencyKey: "ntf-1", scheduleID: "s", ownerID: "o",
        devices: [
            .token("t"), .fcm(token: "f"),
            .webPush(WebPushSubscription(endpoint: "https://p/1", p256dh: "k", auth: "a")),
        ],
        title: "x", startTime: 1)

    @Test("each sender gets only the devices of its kind; unregistered devices of every part are merged")
    func routing() async throws {
        let file = FixedAnswerSender(.success(PushReceipt()))
        let fcm = FixedAnswerSender(.success(PushReceipt(unregisteredTokens: ["f"], reasons: ["f": "UNREGISTERED"])))
        let webPush = FixedAnswerSender(.success(PushReceipt()))
        let receipt = try await RoutingPushSender([.token: file, .fcm: fcm, .webPush: webPush]).send(push)
        #expect(file.devices == [.token("t")])
        #expect(fcm.devices == [.fcm(token: "f")])
        #expect(webPush.devices.map(\.kind) == [.webPush])
        #expect(receipt == PushReceipt(unregisteredTokens: ["f"], reasons: ["f": "UNREGISTERED"]))
    }

    @Test("a device kind without a sender is a refusal naming it, not a silent drop")
    func missingKind() async throws {
        let only = Push(
            idempotencyKey: "k", scheduleID: "s", ownerID: "o", devices: [.fcm(token: "f")], title: "x", startTime: 1)
        await #expect(throws: PushFailure(.rejected, "no sender for fcm devices (see --push)")) {
            try await RoutingPushSender([.token: FixedAnswerSender(.success(PushReceipt()))]).send(only)
        }
    }

    @Test("combining: any retryable part retries after the longest Retry-After; only refusals refuse; else accepted")
    func combine() throws {
        let slow = PushFailure(.retryable(after: .seconds(9)), "a"),
            fast = PushFailure(.retryable(after: .seconds(2)), "b")
        let refused = PushFailure(.rejected, "c")
        #expect(throws: PushFailure(.retryable(after: .seconds(9)), "a; b; c")) {
            try PushAnswers.combine([.failure(slow), .failure(fast), .failure(refused), .success(PushReceipt())])
        }
        #expect(throws: PushFailure(.retryable(after: nil), "d")) {
            try PushAnswers.combine([.failure(PushFailure(.retryable(after: nil), "d"))])
        }
        #expect(throws: PushFailure(.rejected, "c; c")) {
            try PushAnswers.combine([.failure(refused), .failure(refused)])
        }
        #expect(
            try PushAnswers.combine([.failure(refused), .success(PushReceipt(unregisteredTokens: ["x"]))])
                == PushReceipt(unregisteredTokens: ["x"]))
        #expect(try PushAnswers.combine([]) == PushReceipt())
    }
}

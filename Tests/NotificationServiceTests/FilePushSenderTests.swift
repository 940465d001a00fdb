import Foundation
import NotificationService
import Testing

@Suite("File push sender")
struct FilePushSenderTests {
    @Test("a key already in the file, from this or an earlier process, is not written again")
    func idempotencyKey() async throws {
        let url = try temporaryDirectory().appendingPathComponent("pushes.jsonl")
        let push = Push(idempotencyKey: "ntf-1", scheduleID: "s", ownerID: "o", deviceTokens: ["t"], title: "x", startTime: 1)
        _ = try await FilePushSender(url: url).send(push)
        _ = try await FilePushSender(url: url).send(push)
        let sender = try FilePushSender(url: url)
        _ = try await sender.send(push)
        _ = try await sender.send(Push(idempotencyKey: "ntf-2", scheduleID: "s", ownerID: "o", deviceTokens: ["t"], title: "x", startTime: 2))
        #expect(try FilePushSender.readPushes(at: url).map(\.idempotencyKey) == ["ntf-1", "ntf-2"])
    }
}

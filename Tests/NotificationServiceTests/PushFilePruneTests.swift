import Foundation
import NotificationService
import Testing

@Suite("Push file pruning")
struct PushFilePruneTests {
    typealias F = PushFileFixtures

    @Test(
        "prune keeps the lines that start at or after the cutoff, byte for byte, in a new file renamed over the old one"
    )
    func pruneKeepsRecentLines() async throws {
        let url = try F.fileURL()
        let now = F.now
        let sender = try FilePushSender(url: url)
        for push in [
            F.push("old-1", startTime: now - 10_000), F.push("new-1", startTime: now),
            F.push("old-2", startTime: now - 5_000),
        ] {
            _ = try await sender.send(push)
        }
        let inode = try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int
        #expect(try await sender.prune(olderThan: now - 1000) == 2)
        #expect(try F.keys(in: url) == ["new-1"])
        #expect(try Data(contentsOf: url) == F.line(F.push("new-1", startTime: now)))
        #expect(try FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int != inode)
        #expect(try await sender.prune(olderThan: now - 1000) == 0)
        #expect(!FileManager.default.fileExists(atPath: url.path + ".pruning"))
    }

    @Test(
        "after another sender pruned the file, a sender finds the new file: kept keys are not written again, new lines land in it"
    )
    func senderFollowsAPruneByAnotherSender() async throws {
        let url = try F.fileURL()
        let now = F.now
        let pruner = try FilePushSender(url: url), other = try FilePushSender(url: url)
        _ = try await other.send(F.push("old", startTime: now - 10_000))
        _ = try await other.send(F.push("kept", startTime: now))
        try await pruner.prune(olderThan: now - 1000)
        _ = try await other.send(F.push("kept", startTime: now))
        _ = try await other.send(F.push("after", startTime: now))
        _ = try await pruner.send(F.push("after", startTime: now))
        _ = try await pruner.send(F.push("last", startTime: now))
        #expect(try F.keys(in: url) == ["kept", "after", "last"])
    }

    @Test("prune refuses a file with a corruption in the middle and leaves it as it is")
    func pruneRefusesACorruptFile() async throws {
        let url = try F.fileURL()
        let sender = try FilePushSender(url: url)
        _ = try await sender.send(F.push("a", startTime: 1))
        try F.append(Data("not a push\n".utf8) + F.line(F.push("b", startTime: 2)), to: url)
        let before = try Data(contentsOf: url)
        await #expect(throws: PushFileCorruption.self) { try await sender.prune(olderThan: F.now) }
        #expect(try Data(contentsOf: url) == before)
    }
}

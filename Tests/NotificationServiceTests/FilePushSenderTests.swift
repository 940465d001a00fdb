import Foundation
import NotificationService
import Testing
import ProtocSupport

@Suite("File push sender")
struct FilePushSenderTests {
    typealias F = PushFileFixtures

    @Test("a key already in the file, from this or an earlier process, is not written again")
    func idempotencyKey() async throws {
        let url = try TemporaryPath.directory("pinit-test").appendingPathComponent("pushes.jsonl")
        let push = Push(
            idempotencyKey: "ntf-1", scheduleID: "s", ownerID: "o", deviceTokens: ["t"], title: "x", startTime: 1)
        _ = try await FilePushSender(url: url).send(push)
        _ = try await FilePushSender(url: url).send(push)
        let sender = try FilePushSender(url: url)
        _ = try await sender.send(push)
        _ = try await sender.send(
            Push(idempotencyKey: "ntf-2", scheduleID: "s", ownerID: "o", deviceTokens: ["t"], title: "x", startTime: 2))
        #expect(try FilePushSender.readPushes(at: url).map(\.idempotencyKey) == ["ntf-1", "ntf-2"])
    }

    @Test(
        "a recent key is deduplicated as well as one older than the key retention (kept in memory vs read from the file)"
    )
    func recentAndOldKeys() async throws {
        let url = try F.fileURL()
        let sender = try FilePushSender(url: url, keyRetention: .seconds(3600))
        let recent = F.push("recent"), old = F.push("old", startTime: F.now - 7_200_000)
        for push in [recent, old, recent, old] { _ = try await sender.send(push) }
        _ = try await FilePushSender(url: url, keyRetention: .seconds(3600)).send(old)
        #expect(try F.keys(in: url) == ["recent", "old"])
    }

    @Test(
        "open cuts a torn last line (no newline) back to the last complete line, reports the bytes cut, and the next push is a clean line"
    )
    func tornLastLineIsCutAtOpen() async throws {
        let url = try F.fileURL()
        let first = try F.line(F.push("ntf-1"))
        let fragment = try F.line(F.push("ntf-2")).prefix(23)
        try (first + fragment).write(to: url)

        let sender = try FilePushSender(url: url)
        #expect(sender.bytesCutAtOpen == Int64(fragment.count))
        #expect(try Data(contentsOf: url) == first)
        _ = try await sender.send(F.push("ntf-3"))
        #expect(try F.keys(in: url) == ["ntf-1", "ntf-3"])
    }

    @Test("undecodable lines at the end, even newline-terminated (blocks zeroed by a power loss), are a torn tail too")
    func undecodableTailIsCut() async throws {
        let url = try F.fileURL()
        let first = try F.line(F.push("ntf-1"))
        let tail = Data(repeating: 0, count: 40) + Data("\n".utf8) + Data("{\"idem".utf8)
        try (first + tail).write(to: url)

        let sender = try FilePushSender(url: url)
        #expect(sender.bytesCutAtOpen == Int64(tail.count))
        _ = try await sender.send(F.push("ntf-2"))
        #expect(try F.keys(in: url) == ["ntf-1", "ntf-2"])
    }

    @Test(
        "a last line that decodes but lacks its newline is torn too: its append never finished, so it was never acknowledged"
    )
    func unterminatedDecodableLineIsCut() async throws {
        let url = try F.fileURL()
        let first = try F.line(F.push("ntf-1"))
        try (first + F.line(F.push("ntf-2")).dropLast()).write(to: url)
        #expect(try FilePushSender.readPushes(at: url).map(\.idempotencyKey) == ["ntf-1"])
        let sender = try FilePushSender(url: url)
        #expect(try Data(contentsOf: url) == first)
        _ = try await sender.send(F.push("ntf-2"))
        #expect(try F.keys(in: url) == ["ntf-1", "ntf-2"])
    }

    @Test("a file that ends cleanly is not cut")
    func cleanFileIsNotCut() async throws {
        let url = try F.fileURL()
        let content = try F.line(F.push("ntf-1")) + F.line(F.push("ntf-2"))
        try content.write(to: url)
        #expect(try FilePushSender(url: url).bytesCutAtOpen == 0)
        #expect(try Data(contentsOf: url) == content)
    }

    @Test(
        "a bad line with complete lines after it is a PushFileCorruption naming its line number and byte offset; the file is left as it is"
    )
    func midFileCorruptionIsTyped() async throws {
        let url = try F.fileURL()
        let first = try F.line(F.push("ntf-1"))
        let content = try first + Data("{\"idempotencyKey\": 7}\n".utf8) + F.line(F.push("ntf-3"))
        try content.write(to: url)

        for error in [
            try #require(throws: PushFileCorruption.self) { try FilePushSender(url: url) },
            try #require(throws: PushFileCorruption.self) { try FilePushSender.readPushes(at: url) },
        ] {
            #expect(error.lineNumber == 2 && error.byteOffset == Int64(first.count) && error.path == url.path)
            #expect(error.description.hasPrefix("\(url.path):2: byte \(first.count): not a push"))
        }
        #expect(try Data(contentsOf: url) == content)
    }

    @Test("readPushes (the audit's reader) leaves a torn last line out and does not change the file")
    func readerToleratesTornTail() throws {
        let url = try F.fileURL()
        let content = try F.line(F.push("ntf-1")) + F.line(F.push("ntf-2")).prefix(30)
        try content.write(to: url)
        #expect(try FilePushSender.readPushes(at: url).map(\.idempotencyKey) == ["ntf-1"])
        #expect(try Data(contentsOf: url) == content)
    }

    @Test(
        "a missing directory is created with the file; an impossible path is a PushFileSystemError naming the call and errno"
    )
    func openErrors() throws {
        let directory = try TemporaryPath.directory("pinit-test")
        _ = try FilePushSender(url: directory.appendingPathComponent("a/b/pushes.jsonl"))
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("a/b/pushes.jsonl").path))
        let error = try #require(throws: PushFileSystemError.self) { try FilePushSender(url: directory) }
        #expect(error.code == EISDIR && error.operation == "open" && error.path == directory.path)
    }
}

import Foundation
import NotificationService
import ProtocSupport
import Testing

/// Two notification-service processes on one data directory share the push file: these
/// tests share it between two senders, and with a python3 process following the same lock.
@Suite("Push file shared between senders and processes")
struct PushFileSharingTests {
    typealias F = PushFileFixtures

    @Test("a key another sender appended after this one opened the file is seen: no second line")
    func keysAppendedByAnotherSenderAreSeen() async throws {
        let url = try F.fileURL()
        let first = try FilePushSender(url: url), second = try FilePushSender(url: url)
        _ = try await second.send(F.push("ntf-1"))
        _ = try await first.send(F.push("ntf-1"))
        _ = try await first.send(F.push("ntf-2"))
        _ = try await second.send(F.push("ntf-2"))
        #expect(try F.keys(in: url) == ["ntf-1", "ntf-2"])
    }

    @Test(
        "a fragment another writer left after this sender opened the file is cut before the next line, not glued to it")
    func anotherWritersTornTailIsCutBeforeAppending() async throws {
        let url = try F.fileURL()
        let sender = try FilePushSender(url: url)
        _ = try await sender.send(F.push("ntf-1"))
        try F.append(F.line(F.push("ntf-2")).prefix(17), to: url)
        _ = try await sender.send(F.push("ntf-3"))
        #expect(try F.keys(in: url) == ["ntf-1", "ntf-3"])
    }

    @Test(
        "two senders on one file, racing from many tasks with shared and own keys, write exactly one whole line per key"
    )
    func racingSendersWriteEachKeyOnce() async throws {
        let url = try F.fileURL()
        let senders = [try FilePushSender(url: url), try FilePushSender(url: url)]
        let shared = (0..<40).map { F.push("shared-\($0)") }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (number, sender) in senders.enumerated() {
                for push in shared + (0..<20).map({ F.push("own-\(number)-\($0)") }) {
                    group.addTask { _ = try await sender.send(push) }
                }
            }
            try await group.waitForAll()
        }
        let keys = try F.keys(in: url)
        #expect(keys.count == 80)
        #expect(
            Set(keys) == Set(shared.map(\.idempotencyKey) + (0..<2).flatMap { n in (0..<20).map { "own-\(n)-\($0)" } }))
    }

    @Test(
        "a send waits for another process's flock: a key that process checked and wrote while holding it is not written again"
    )
    func sendWaitsForAnotherProcessesLock() async throws {
        let url = try F.fileURL()
        let sender = try FilePushSender(url: url)
        let peer = try ChildProcess("/usr/bin/env", ["python3", "-c", Self.peerScript, url.path, "hold", "ntf-1"])
        defer { peer.terminate() }
        _ = try await peer.line(containing: "locked")
        _ = try await sender.send(F.push("ntf-1"))
        let outcome = try await peer.outcome()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(try F.keys(in: url) == ["ntf-1"])
    }

    @Test("sends waiting for another process's flock leave the cooperative pool free: other tasks run meanwhile")
    func waitingForTheLockDoesNotBlockThePool() async throws {
        let url = try F.fileURL()
        let senders = try (0..<4).map { _ in try FilePushSender(url: url) } // more than the pool's threads
        let peer = try ChildProcess("/usr/bin/env", ["python3", "-c", Self.peerScript, url.path, "hold", "held"])
        defer { peer.terminate() }
        _ = try await peer.line(containing: "locked")
        let clock = ContinuousClock()
        let sends = Task {
            try await withThrowingTaskGroup(of: ContinuousClock.Instant.self) { group in
                for (number, sender) in senders.enumerated() {
                    group.addTask {
                        _ = try await sender.send(F.push("waiting-\(number)"))
                        return clock.now
                    }
                }
                return try await group.reduce(into: [ContinuousClock.Instant]()) { $0.append($1) }.min()!
            }
        }
        try await Task.sleep(for: .milliseconds(50)) // the sends are blocked on the lock by now
        for _ in 0..<5 { try await Task.sleep(for: .milliseconds(10)) }
        let tickerDone = clock.now
        let firstSendDone = try await sends.value
        #expect(tickerDone < firstSendDone, "the other tasks waited for the lock too")
        #expect(Set(try F.keys(in: url)) == ["held", "waiting-0", "waiting-1", "waiting-2", "waiting-3"])
    }

    @Test(
        "a sender and a python3 process appending the same and different keys under flock at once write one whole line per key"
    )
    func senderAndAnotherProcessWriteEachKeyOnce() async throws {
        let url = try F.fileURL()
        let sender = try FilePushSender(url: url)
        let shared = (0..<60).map { "shared-\($0)" }
        let peerKeys = shared + (0..<30).map { "python-\($0)" }
        let peer = try ChildProcess("/usr/bin/env", ["python3", "-c", Self.peerScript, url.path, "append"] + peerKeys)
        defer { peer.terminate() }
        _ = try await peer.line(containing: "appended shared-0") // it runs: race it, from the other end
        try await withThrowingTaskGroup(of: Void.self) { group in
            for key in shared.reversed() + (0..<30).map({ "swift-\($0)" }) {
                group.addTask { _ = try await sender.send(F.push(key)) }
            }
            try await group.waitForAll()
        }
        let outcome = try await peer.outcome()
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let keys = try F.keys(in: url)
        #expect(keys.count == 120)
        #expect(Set(keys) == Set(peerKeys + (0..<30).map { "swift-\($0)" }))
    }

    /// A second process following the push file's protocol: `flock` the file, read its keys,
    /// append the line unless its key is there, `fsync`, unlock. `hold KEY` prints `locked`
    /// once it holds the lock and has read the keys, and writes only after 0.5 s;
    /// `append KEY...` appends each key in its own locked step, printing `appended KEY` after.
    static let peerScript = """
        import fcntl, json, os, sys, time
        path, mode, keys = sys.argv[1], sys.argv[2], sys.argv[3:]
        def append(key, hold):
            with open(path, "ab+") as f:
                fcntl.flock(f, fcntl.LOCK_EX)
                f.seek(0)
                present = {json.loads(line)["idempotencyKey"] for line in f.read().split(b"\\n") if line}
                if hold:
                    print("locked", flush=True)
                    time.sleep(0.5)
                if key not in present:
                    push = {"deviceTokens": ["t"], "idempotencyKey": key, "ownerID": "o",
                            "scheduleID": "s-" + key, "startTime": int(time.time() * 1000), "title": "x"}
                    f.write(json.dumps(push, sort_keys=True, separators=(",", ":")).encode() + b"\\n")
                    f.flush()
                    os.fsync(f.fileno())
                fcntl.flock(f, fcntl.LOCK_UN)
            if not hold:
                print("appended " + key, flush=True)
        for key in keys:
            append(key, mode == "hold")
        """
}

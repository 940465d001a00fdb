import Foundation
import NotificationService
import ProtocSupport

/// Pushes and push-file bytes for the push-file tests.
enum PushFileFixtures {
    /// Milliseconds since the epoch, now.
    static var now: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// A push with idempotency key `key`, starting at `startTime` (now by default).
    static func push(_ key: String, startTime: Int64 = now) -> Push {
        Push(
            idempotencyKey: key, scheduleID: "s-\(key)", ownerID: "o", deviceTokens: ["t"], title: "x",
            startTime: startTime)
    }

    /// The line a sender writes for `push`, newline included.
    static func line(_ push: Push) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(push) + Data("\n".utf8)
    }

    /// A fresh path for a push file, in a new temporary directory.
    static func fileURL() throws -> URL {
        try TemporaryPath.directory("pinit-test").appendingPathComponent("pushes.jsonl")
    }

    /// The file's lines (without newlines), failing unless the file ends with a newline.
    static func lines(of url: URL) throws -> [String] {
        let text = try String(contentsOf: url, encoding: .utf8)
        guard text.isEmpty || text.hasSuffix("\n") else { throw UnterminatedFile(text: text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The idempotency key of every line of the file, decoding each line on its own (so a
    /// line glued onto a fragment, or two lines interleaved, fail).
    static func keys(in url: URL) throws -> [String] {
        try lines(of: url).map { try JSONDecoder().decode(Push.self, from: Data($0.utf8)).idempotencyKey }
    }

    /// Appends raw bytes to the file, as a crashed writer would have left them.
    static func append(_ bytes: Data, to url: URL) throws {
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: bytes)
    }

    /// A file that does not end with a newline.
    struct UnterminatedFile: Error { var text: String }
}

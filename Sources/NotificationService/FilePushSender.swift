import Foundation

/// A push provider that appends each push as one JSON line to a file, delivering a key once.
///
/// It plays the provider's part of the idempotency contract: keys already in the file (from
/// earlier runs too) are accepted without a second line, so a push resent after a crash
/// between delivery and bookkeeping is not delivered twice. Each line is flushed to disk
/// before ``send(_:)`` returns.
public actor FilePushSender: PushSender {
    /// The JSON-lines file.
    public nonisolated let url: URL
    private var deliveredKeys: Set<String>

    /// Opens (creating if needed) the file at `url` and reads the keys it already holds.
    ///
    /// - Throws: a file-system error when the file cannot be created or read.
    public init(url: URL) throws {
        self.url = url
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: url.path) {
            try Data().write(to: url)
        }
        deliveredKeys = Set(try Self.readPushes(at: url).map(\.idempotencyKey))
    }

    /// Appends the push unless its key was delivered before.
    public func send(_ push: Push) async throws -> PushReceipt {
        guard !deliveredKeys.contains(push.idempotencyKey) else { return PushReceipt() }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var line = try encoder.encode(push)
        line.append(UInt8(ascii: "\n"))
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: line)
        try handle.synchronize()
        deliveredKeys.insert(push.idempotencyKey)
        return PushReceipt()
    }

    /// Every push line in the file at `url`, in order (repeated keys included).
    ///
    /// - Throws: a file-system error, or a decoding error naming a malformed line.
    public static func readPushes(at url: URL) throws -> [Push] {
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { line in
            try JSONDecoder().decode(Push.self, from: Data(line.utf8))
        }
    }
}

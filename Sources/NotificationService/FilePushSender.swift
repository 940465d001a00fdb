import Foundation
import Synchronization

/// A push provider that appends each push as one JSON line to a file, delivering a key once.
///
/// It plays the provider's part of the idempotency contract: a key already in the file (from
/// earlier runs, or from another process appending to the same file) is accepted without a
/// second line, so a push resent after a crash between delivery and bookkeeping is not
/// delivered twice. Each line is on disk (`fsync`) before ``send(_:)`` returns.
///
/// Several processes may share the file (two notification services on one data directory):
/// every write happens under an exclusive `flock` on the file, held across "check the path
/// still names the locked file (a prune replaces it) → read the lines appended since this
/// sender last looked, by anyone → cut a torn tail → write the line with `O_APPEND` unless its
/// key is there → `fsync`". Another program writing the file must take the same lock. Those
/// blocking calls run on a dispatch queue of the sender's own, never on the cooperative pool.
///
/// Faults: a last line torn by a crash or power loss (unterminated, or undecodable with no
/// good line after it) is cut when the file is opened (see ``bytesCutAtOpen``) or, if another
/// process left it, before the next append; no start is refused for it. A bad line with good
/// lines after it is a ``PushFileCorruption``: opening fails, naming its line and byte offset,
/// and the file is neither cut nor written past it (its key is unknown, so a push could be
/// delivered twice).
///
/// Memory: the sender keeps only the keys whose push started within `keyRetention` of now
/// (about 100 bytes each; one retention period of pushes), and each send reads only the bytes
/// appended since the last one. A push that started earlier than the retention is looked up
/// by reading the whole file, so forgetting a key never duplicates it (every push of a key has
/// the same start time: a rescheduled job gets a new notification id). ``prune(olderThan:)``
/// bounds the file itself.
public final class FilePushSender: PushSender {
    /// The JSON-lines file.
    public let url: URL
    /// Bytes of a torn last line cut when the file was opened; 0 when it ended cleanly.
    /// Callers report it (the sender logs nothing itself).
    public let bytesCutAtOpen: Int64
    private let appender: Mutex<PushFileAppender>
    private let queue = BlockingCallQueue(label: "pinit.push-file")

    /// Opens (creating if needed, with its directory) the file at `url`, cuts a torn last line
    /// and reads the keys it holds. It blocks the calling thread for that one read, and for
    /// the lock while another process appends: open the sender before serving.
    ///
    /// - Parameter keyRetention: how long after its start time a key is kept in memory; a
    ///   push that started earlier than that is looked up in the whole file instead.
    /// - Throws: ``PushFileSystemError`` when the file cannot be created, locked, read, cut or
    ///   synced; ``PushFileCorruption`` when a bad line has complete lines after it.
    public init(url: URL, keyRetention: Duration = .seconds(7 * 24 * 3600)) throws {
        self.url = url
        let appender = try PushFileAppender(path: url.path, retentionMilliseconds: Self.milliseconds(keyRetention))
        bytesCutAtOpen = appender.bytesCut
        self.appender = Mutex(appender)
    }

    /// Appends the push unless its key is in the file, including keys other processes wrote.
    ///
    /// - Throws: ``PushFileSystemError`` when the file cannot be locked, read, written or
    ///   synced (a line of ours that was only partly written is cut again); a
    ///   ``PushFileCorruption`` found among the lines appended since the last send.
    public func send(_ push: Push) async throws -> PushReceipt {
        _ = try await queue.run { try self.appender.withLock { try $0.appendOnce(push) } }
        return PushReceipt()
    }

    /// Rewrites the file without the lines whose push started before `cutoff` (milliseconds
    /// since the epoch), atomically (a new file renamed over the old one) and under the lock,
    /// so concurrent senders, in this process or another, neither lose nor duplicate a line.
    /// A key removed can be delivered again: prune only past the time a push may be resent.
    ///
    /// - Returns: how many lines were removed.
    /// - Throws: ``PushFileSystemError``; ``PushFileCorruption`` (nothing is removed then).
    @discardableResult
    public func prune(olderThan cutoff: Int64) async throws -> Int {
        try await queue.run { try self.appender.withLock { try $0.prune(before: cutoff) } }
    }

    /// Every push line in the file at `url`, in order (repeated keys included). A torn last
    /// line, from a crash or an append in progress, is left out; the file is not changed.
    ///
    /// - Throws: ``PushFileSystemError`` when the file cannot be read; ``PushFileCorruption``
    ///   when a bad line has complete lines after it.
    public static func readPushes(at url: URL) throws -> [Push] {
        let file = try PushFileDescriptor(url.path, flags: O_RDONLY | O_CLOEXEC)
        var scanner = PushLineScanner(path: url.path)
        var pushes: [Push] = []
        try file.scan(from: 0, to: .max, with: &scanner) { pushes.append($0.push) }
        return pushes
    }

    private static func milliseconds(_ duration: Duration) -> Int64 {
        duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
    }
}

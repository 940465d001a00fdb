import Foundation

/// Appends pushes to the push file once per idempotency key, safely shared between processes.
///
/// The protocol every writer follows (this type, or any other program that writes the file):
/// take the exclusive `flock` on the file; make sure the path still names the locked file (a
/// prune replaces it); read the lines appended since this writer last looked; cut an
/// unterminated or undecodable tail (nobody else can be in the middle of writing while the
/// lock is held, so it is torn); append the line with `O_APPEND` unless its key is there;
/// `fsync`; unlock. Opening runs the same steps without appending, so a tail torn by a crash
/// or power loss is cut before anything is written after it.
///
/// Every method blocks (locks, `fsync`); callers run them off the cooperative thread pool.
struct PushFileAppender {
    /// The file's path.
    let path: String
    /// Bytes of torn tails cut so far, at open and at later appends (another writer's crash).
    private(set) var bytesCut: Int64 = 0
    private var descriptor: PushFileDescriptor
    private var index: PushKeyIndex
    private let encoder: JSONEncoder

    /// Opens (creating if needed) the file at `path` and reads it once, cutting a torn tail.
    ///
    /// - Throws: ``PushFileSystemError``; ``PushFileCorruption`` for a bad line in the middle.
    init(path: String, retentionMilliseconds: Int64) throws {
        try FileManager.default.createDirectory(atPath: Self.directory(of: path), withIntermediateDirectories: true)
        self.path = path
        (descriptor, _) = try Self.open(path)
        index = PushKeyIndex(retentionMilliseconds: retentionMilliseconds)
        encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try withLock { try $0.catchUp(now: Self.now()) }
    }

    /// Appends `push` as one line unless a line with its key is in the file.
    ///
    /// - Returns: whether a line was written.
    /// - Throws: ``PushFileSystemError``; ``PushFileCorruption``; an encoding error.
    mutating func appendOnce(_ push: Push) throws -> Bool {
        var line = try encoder.encode(push)
        line.append(UInt8(ascii: "\n"))
        let now = Self.now()
        return try withLock { appender in
            try appender.catchUp(now: now)
            if appender.index.contains(push.idempotencyKey) { return false }
            if !appender.index.covers(startTime: push.startTime, now: now),
                try appender.fileContains(push.idempotencyKey)
            {
                return false
            }
            let start = appender.index.scannedOffset
            do {
                try appender.descriptor.append(Array(line))
            } catch {
                try? appender.descriptor.truncate(to: start) // no fragment of ours stays behind
                throw error
            }
            try appender.descriptor.synchronize()
            let number = appender.index.scannedLines + 1
            appender.index.record(push, lineNumber: number, end: start + Int64(line.count), now: now)
            return true
        }
    }

    /// Rewrites the file without the lines whose `startTime` is before `cutoff` (milliseconds
    /// since the epoch): the kept lines go to a new file that replaces the old one by a
    /// `rename`, both `fsync`ed, all under the old file's lock. Writers waiting on that lock
    /// find the path renamed over and reopen it. Keys removed may be delivered again.
    ///
    /// - Returns: how many lines were removed.
    /// - Throws: ``PushFileSystemError``; ``PushFileCorruption`` (nothing is removed then).
    mutating func prune(before cutoff: Int64) throws -> Int {
        try withLock { appender in
            try appender.catchUp(now: Self.now())
            let temporary = appender.path + ".pruning"
            let replacement = try PushFileDescriptor(
                temporary, flags: O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode: 0o644)
            var removed = 0
            var kept: [UInt8] = []
            var scanner = PushLineScanner(path: appender.path)
            try appender.descriptor.scan(from: 0, to: appender.index.scannedOffset, with: &scanner) { line in
                guard line.push.startTime >= cutoff else {
                    removed += 1
                    return
                }
                kept += line.bytes
                kept.append(UInt8(ascii: "\n"))
                if kept.count >= 65_536 {
                    try replacement.append(kept)
                    kept.removeAll(keepingCapacity: true)
                }
            }
            try replacement.append(kept)
            guard removed > 0 else {
                unlink(temporary)
                return 0
            }
            try replacement.synchronize()
            try PushFileDescriptor.rename(temporary, over: appender.path)
            try PushFileDescriptor.synchronizeDirectory(Self.directory(of: appender.path))
            return removed // the next append finds the path renamed over, like any other writer
        }
    }

    /// Calls `body` holding the exclusive lock on the file the path names now.
    private mutating func withLock<Result>(_ body: (inout PushFileAppender) throws -> Result) throws -> Result {
        while true {
            let locked = descriptor
            try locked.lockExclusively()
            defer { locked.unlock() }
            if try PushFileDescriptor.identity(ofPath: path) == locked.status().identity {
                return try body(&self)
            }
            (descriptor, _) = try Self.open(path) // replaced (pruned) or removed since we opened it
            index.reset()
        }
    }

    /// Reads the lines appended since the last look, and cuts a torn tail. Holds the lock.
    private mutating func catchUp(now: Int64) throws {
        let size = try descriptor.status().size
        if size < index.scannedOffset { index.reset() }
        var scanner = PushLineScanner(path: path, from: index.scannedOffset, linesBefore: index.scannedLines)
        try descriptor.scan(from: index.scannedOffset, to: size, with: &scanner) { line in
            index.record(line.push, lineNumber: line.number, end: line.end, now: now)
        }
        guard scanner.tailLength > 0 else { return }
        try descriptor.truncate(to: scanner.goodEnd)
        try descriptor.synchronize()
        bytesCut += scanner.tailLength
    }

    /// Whether any line read so far holds `key`, read from the file (the index forgot it).
    private func fileContains(_ key: String) throws -> Bool {
        var found = false
        var scanner = PushLineScanner(path: path)
        try descriptor.scan(from: 0, to: index.scannedOffset, with: &scanner) { line in
            if line.push.idempotencyKey == key { found = true }
        }
        return found
    }

    private static func directory(of path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        return directory.isEmpty ? "." : directory
    }

    private static func open(_ path: String) throws -> (PushFileDescriptor, created: Bool) {
        let opened = try PushFileDescriptor.openForAppending(path)
        if opened.created { try PushFileDescriptor.synchronizeDirectory(directory(of: path)) }
        return opened
    }

    private static func now() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

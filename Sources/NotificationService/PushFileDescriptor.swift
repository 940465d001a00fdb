#if canImport(Glibc)
import Glibc
#endif

/// An open push file: the Glibc calls the push file needs, each turning a failure into a
/// ``PushFileSystemError`` and retrying on `EINTR`. The descriptor closes when the value is
/// released.
///
/// Every call here may block (on the disk, or on another process's lock); callers run them
/// off the cooperative thread pool. Not thread-safe: one owner at a time.
final class PushFileDescriptor {
    /// Which inode a path or descriptor names: a pruned file is replaced by a rename.
    struct Identity: Equatable {
        var device: UInt64
        var inode: UInt64
    }

    /// The path it was opened at.
    let path: String
    private let fd: Int32

    /// Opens `path` for appending (`O_RDWR | O_APPEND`: reads are `pread`s of the lines other
    /// processes appended), creating it if missing.
    ///
    /// - Returns: the descriptor, and whether this call created the file (its directory entry
    ///   then still needs an `fsync` of the directory to survive a power loss).
    static func openForAppending(_ path: String) throws -> (PushFileDescriptor, created: Bool) {
        let flags = O_RDWR | O_APPEND | O_CLOEXEC
        if let created = try? PushFileDescriptor(path, flags: flags | O_CREAT | O_EXCL, mode: 0o644) {
            return (created, true)
        }
        return (try PushFileDescriptor(path, flags: flags | O_CREAT, mode: 0o644), false)
    }

    /// Opens `path` with `open(2)` `flags`.
    init(_ path: String, flags: Int32, mode: mode_t = 0) throws {
        self.path = path
        fd = Int32(try Self.retrying("open", path) { open(path, flags, mode) })
    }

    deinit { close(fd) }

    /// Waits for the exclusive `flock` on the file (every writer takes it).
    func lockExclusively() throws {
        _ = try Self.retrying("flock(LOCK_EX)", path) { flock(fd, LOCK_EX) }
    }

    /// Releases the `flock`.
    func unlock() {
        flock(fd, LOCK_UN)
    }

    /// The file's size and identity (`fstat`).
    func status() throws -> (size: Int64, identity: Identity) {
        var info = stat()
        _ = try Self.retrying("fstat", path) { fstat(fd, &info) }
        return (Int64(info.st_size), Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino)))
    }

    /// The identity of whatever `path` names now, or nil when nothing does.
    static func identity(ofPath path: String) -> Identity? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino))
    }

    /// Feeds the bytes from `start` to `end` to `scanner`, 64 KiB at a time.
    func scan(
        from start: Int64, to end: Int64, with scanner: inout PushLineScanner,
        _ body: (PushLineScanner.Line) throws -> Void
    ) throws {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var offset = start
        while offset < end {
            let wanted = Int(min(Int64(buffer.count), end - offset))
            let count = try buffer.withUnsafeMutableBytes { bytes in
                try Self.retrying("pread", path) { pread(fd, bytes.baseAddress, wanted, off_t(offset)) }
            }
            if count == 0 { break } // the file ended early: scan what there is
            try buffer.withUnsafeBytes { bytes in
                try scanner.feed(UnsafeRawBufferPointer(rebasing: bytes[0..<count]), body)
            }
            offset += Int64(count)
        }
    }

    /// Writes all of `bytes` at the end of the file (`O_APPEND`).
    func append(_ bytes: [UInt8]) throws {
        var written = 0
        while written < bytes.count {
            written += try bytes.withUnsafeBytes { all in
                try Self.retrying("write", path) { write(fd, all.baseAddress! + written, all.count - written) }
            }
        }
    }

    /// Cuts the file to `length` bytes.
    func truncate(to length: Int64) throws {
        _ = try Self.retrying("ftruncate", path) { ftruncate(fd, off_t(length)) }
    }

    /// Waits until the file's data and size are on disk.
    func synchronize() throws {
        _ = try Self.retrying("fsync", path) { fsync(fd) }
    }

    /// Waits until the directory entries of `directory` (a created or renamed file) are on disk.
    static func synchronizeDirectory(_ directory: String) throws {
        try PushFileDescriptor(directory, flags: O_RDONLY | O_DIRECTORY | O_CLOEXEC).synchronize()
    }

    /// Moves `source` over `destination` in one step (`rename`).
    static func rename(_ source: String, over destination: String) throws {
        _ = try retrying("rename to \(destination)", source) { Glibc.rename(source, destination) }
    }

    /// Calls `call` until it does not fail with `EINTR`.
    ///
    /// - Throws: ``PushFileSystemError`` when it returns a negative value for another reason.
    private static func retrying<Result: BinaryInteger>(
        _ operation: String, _ path: String, _ call: () -> Result
    ) throws -> Int {
        while true {
            let result = call()
            if result >= 0 { return Int(result) }
            if errno != EINTR { throw PushFileSystemError(operation: operation, path: path, code: errno) }
        }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import CNGHTTP2

/// The allocator of one event loop's nghttp2 sessions: freed blocks are kept in free lists by
/// size class and handed out again, so the allocations nghttp2 makes for every stream (its
/// stream object, frame items, header copies) rarely reach `malloc`.
///
/// Each block starts with a 16-byte header (keeping 16-byte alignment): its size class (or -1
/// for a block too large to cache) and its usable size; on a free list the first word links to
/// the next free block. At most ``cachedPerClass`` blocks are kept per class, so the cache stays
/// near 130 KB per loop however many streams came and went. Classes stop at 1 KiB: larger
/// blocks are the few a session allocates once (tables, frame buffers), sized exactly, since
/// rounding them up to a power of two cost about 0.8 KiB of memory per idle connection.
final class SessionMemory: @unchecked Sendable {
    // Safe because: nghttp2 sessions are created, used and deleted only on their loop's thread,
    // so every call into this allocator comes from that one thread.

    private static let headerSize = 16
    /// Size class `n` holds `smallestClassSize << n` usable bytes, up to ``largestClassSize``.
    private static let smallestClassSize = 32
    private static let largestClassSize = 1024
    private static let classCount = 6
    /// The most free blocks kept per class; more are returned to `free`.
    static let cachedPerClass = 64

    private let freeHeads: UnsafeMutablePointer<UnsafeMutableRawPointer?>
    private let freeCounts: UnsafeMutablePointer<Int>

    /// The `nghttp2_mem` to pass to `nghttp2_session_*_new3` (nghttp2 copies it); valid while
    /// this allocator lives, which the loop that owns it guarantees for its sessions.
    private(set) var nghttp2Memory = nghttp2_mem()

    init() {
        freeHeads = .allocate(capacity: Self.classCount)
        freeHeads.initialize(repeating: nil, count: Self.classCount)
        freeCounts = .allocate(capacity: Self.classCount)
        freeCounts.initialize(repeating: 0, count: Self.classCount)
        nghttp2Memory = nghttp2_mem(
            mem_user_data: Unmanaged.passUnretained(self).toOpaque(),
            malloc: { size, user in SessionMemory.with(user) { $0.allocate(size) } },
            free: { pointer, user in SessionMemory.with(user) { $0.release(pointer) } },
            calloc: { count, size, user in SessionMemory.with(user) { $0.allocateZeroed(count: count, size: size) } },
            realloc: { pointer, size, user in SessionMemory.with(user) { $0.reallocate(pointer, to: size) } })
    }

    deinit {
        for index in 0..<Self.classCount {
            var block = freeHeads[index]
            while let current = block {
                block = current.load(as: UnsafeMutableRawPointer?.self)
                free(current)
            }
        }
        freeHeads.deallocate()
        freeCounts.deallocate()
    }

    /// Runs `body` with the allocator behind `user`, without retaining it (nghttp2 calls back
    /// several times per frame; the loop keeps the allocator alive).
    private static func with<T>(_ user: UnsafeMutableRawPointer?, _ body: (SessionMemory) -> T) -> T {
        Unmanaged<SessionMemory>.fromOpaque(user!)._withUnsafeGuaranteedRef(body)
    }

    /// The smallest class holding `size` bytes, or -1 when none does.
    private static func sizeClass(for size: Int) -> Int {
        guard size <= largestClassSize else { return -1 }
        guard size > smallestClassSize else { return 0 }
        // The class of the smallest power of two at or above `size`: 32 → 0, 33...64 → 1, ...
        return Int.bitWidth - (size - 1).leadingZeroBitCount - smallestClassSize.trailingZeroBitCount
    }

    /// `size` usable bytes, from a free list when one has a block of its class.
    func allocate(_ size: Int) -> UnsafeMutableRawPointer? {
        let index = Self.sizeClass(for: size)
        let block: UnsafeMutableRawPointer
        if index >= 0, let head = freeHeads[index] {
            freeHeads[index] = head.load(as: UnsafeMutableRawPointer?.self)
            freeCounts[index] -= 1
            block = head
        } else {
            let usable = index >= 0 ? Self.smallestClassSize << index : size
            guard let fresh = malloc(Self.headerSize + usable) else { return nil }
            block = fresh
            block.storeBytes(of: usable, toByteOffset: 8, as: Int.self)
        }
        block.storeBytes(of: index, as: Int.self)
        return block + Self.headerSize
    }

    /// Returns a block: onto its class's free list, or to `free` when the list is full or the
    /// block is too large to cache.
    func release(_ pointer: UnsafeMutableRawPointer?) {
        guard let pointer else { return }
        let block = pointer - Self.headerSize
        let index = block.load(as: Int.self)
        guard index >= 0, freeCounts[index] < Self.cachedPerClass else { return free(block) }
        block.storeBytes(of: freeHeads[index], as: UnsafeMutableRawPointer?.self)
        freeHeads[index] = block
        freeCounts[index] += 1
    }

    /// How many free blocks are cached for requests of `size` bytes (0 for uncached sizes).
    func cachedBlocks(forSize size: Int) -> Int {
        let index = Self.sizeClass(for: size)
        return index >= 0 ? freeCounts[index] : 0
    }

    /// `count * size` zeroed bytes; nil when the product overflows.
    func allocateZeroed(count: Int, size: Int) -> UnsafeMutableRawPointer? {
        let (total, overflow) = count.multipliedReportingOverflow(by: size)
        guard !overflow, let pointer = allocate(total) else { return nil }
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: total)
        return pointer
    }

    /// A block of `size` bytes holding the start of `pointer`'s; the same block while it fits.
    func reallocate(_ pointer: UnsafeMutableRawPointer?, to size: Int) -> UnsafeMutableRawPointer? {
        guard let pointer else { return allocate(size) }
        let usable = (pointer - Self.headerSize).load(fromByteOffset: 8, as: Int.self)
        if size <= usable { return pointer }
        guard let moved = allocate(size) else { return nil }
        moved.copyMemory(from: pointer, byteCount: usable)
        release(pointer)
        return moved
    }
}

@testable import HTTP2Transport
import Testing

@Suite("The nghttp2 session allocator")
struct SessionMemoryTests {
    @Test("a freed block is handed out again for a request of its size class")
    func freedBlocksAreReused() throws {
        let memory = SessionMemory()
        let first = try #require(memory.allocate(100))
        memory.release(first)
        #expect(memory.allocate(120) == first)
        let other = try #require(memory.allocate(20))
        #expect(other != first)
    }

    @Test("realloc keeps the contents, in place while the block's class still fits")
    func reallocKeepsContents() throws {
        let memory = SessionMemory()
        let block = try #require(memory.allocate(40))
        for index in 0..<40 { block.storeBytes(of: UInt8(index), toByteOffset: index, as: UInt8.self) }
        #expect(memory.reallocate(block, to: 64) == block)
        let grown = try #require(memory.reallocate(block, to: 10_000))
        #expect((0..<40).allSatisfy { grown.load(fromByteOffset: $0, as: UInt8.self) == UInt8($0) })
        memory.release(grown)
    }

    @Test("calloc zeroes what it returns, even a reused block, and refuses an overflowing size")
    func callocZeroes() throws {
        let memory = SessionMemory()
        let dirty = try #require(memory.allocate(64))
        dirty.initializeMemory(as: UInt8.self, repeating: 0xAB, count: 64)
        memory.release(dirty)
        let zeroed = try #require(memory.allocateZeroed(count: 8, size: 8))
        #expect((0..<64).allSatisfy { zeroed.load(fromByteOffset: $0, as: UInt8.self) == 0 })
        #expect(memory.allocateZeroed(count: Int.max, size: 2) == nil)
    }

    @Test("a free list holds at most its cap; large blocks are never cached")
    func cacheIsBounded() throws {
        let memory = SessionMemory()
        let blocks = try (0..<(SessionMemory.cachedPerClass + 10)).map { _ in try #require(memory.allocate(200)) }
        for block in blocks { memory.release(block) }
        #expect(memory.cachedBlocks(forSize: 200) == SessionMemory.cachedPerClass)
        let large = try #require(memory.allocate(100_000))
        memory.release(large)
        #expect(memory.cachedBlocks(forSize: 100_000) == 0)
        memory.release(nil)
    }
}

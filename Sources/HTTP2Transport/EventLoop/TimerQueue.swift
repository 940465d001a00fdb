#if canImport(Glibc)
import Glibc
#endif

/// Timers of one ``EventLoop``: a binary min-heap on the monotonic clock.
///
/// Loop-thread only. Cancelling removes the timer at once, releasing what its body captured.
struct TimerQueue {
    /// Identifies a scheduled timer, for cancelling it.
    struct ID: Hashable { fileprivate let value: UInt64 }

    private struct Entry {
        let deadline: UInt64
        let id: UInt64
        let body: () -> Void
    }

    private var heap: [Entry] = []
    private var nextID: UInt64 = 0

    /// Nanoseconds on the monotonic clock.
    static func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// Runs `body` on the loop after `nanoseconds`.
    mutating func schedule(after nanoseconds: UInt64, _ body: @escaping () -> Void) -> ID {
        nextID += 1
        heap.append(Entry(deadline: Self.now() &+ nanoseconds, id: nextID, body: body))
        siftUp(heap.count - 1)
        return ID(value: nextID)
    }

    /// Cancels a timer that has not fired yet (its body is released now); cancelling a fired
    /// timer does nothing.
    mutating func cancel(_ id: ID) {
        guard let index = heap.firstIndex(where: { $0.id == id.value }) else { return }
        heap.swapAt(index, heap.count - 1)
        heap.removeLast()
        guard index < heap.count else { return }
        siftDown(index)
        siftUp(index)
    }

    /// How long epoll may sleep: -1 with no timers, else milliseconds to the earliest, rounded up.
    func millisecondsUntilNext() -> Int32 {
        guard let first = heap.first else { return -1 }
        let now = Self.now()
        if first.deadline <= now { return 0 }
        return Int32(min((first.deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
    }

    /// Removes every timer whose deadline has passed and returns their bodies, for the caller
    /// to run once this queue is no longer being mutated (a body may schedule or cancel timers).
    mutating func takeDue() -> [() -> Void] {
        guard !heap.isEmpty else { return [] }
        let now = Self.now()
        var due: [() -> Void] = []
        while let first = heap.first, first.deadline <= now {
            due.append(popFirst().body)
        }
        return due
    }

    private mutating func popFirst() -> Entry {
        heap.swapAt(0, heap.count - 1)
        let entry = heap.removeLast()
        if !heap.isEmpty { siftDown(0) }
        return entry
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent].deadline <= heap[child].deadline { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < heap.count, heap[left].deadline < heap[smallest].deadline { smallest = left }
            if right < heap.count, heap[right].deadline < heap[smallest].deadline { smallest = right }
            if smallest == parent { return }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

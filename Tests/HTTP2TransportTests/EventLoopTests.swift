@testable import HTTP2Transport
import Testing

@Suite("Event loop")
struct EventLoopTests {
    @Test("a task with the loop as executor preference runs on the loop's thread")
    func taskRunsOnLoop() async {
        let loop = EventLoopGroup.shared.next()
        let onLoop = await Task(executorPreference: loop) { loop.inEventLoop }.value
        #expect(onLoop)
        #expect(!loop.inEventLoop)
    }

    @Test("jobs submitted from many threads all run, in order per submitter")
    func jobsFromOtherThreadsRun() async {
        let loop = EventLoopGroup.shared.next()
        let total = await withTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    await withCheckedContinuation { (done: CheckedContinuation<Int, Never>) in
                        let counter = LoopCounter()
                        for index in 0..<1000 {
                            loop.execute {
                                if counter.value == index { counter.value += 1 }
                                if index == 999 { done.resume(returning: counter.value) }
                            }
                        }
                    }
                }
            }
            return await group.reduce(0, +)
        }
        #expect(total == 8000)
    }

    @Test("timers fire in deadline order and a cancelled timer never fires")
    func timersFireInOrder() async {
        let loop = EventLoopGroup.shared.next()
        let fired = await withCheckedContinuation { (done: CheckedContinuation<[Int], Never>) in
            loop.execute {
                let order = LoopCounter()
                _ = loop.timers.schedule(after: 30_000_000) {
                    order.log.append(3)
                    done.resume(returning: order.log)
                }
                _ = loop.timers.schedule(after: 10_000_000) { order.log.append(1) }
                let cancelled = loop.timers.schedule(after: 5_000_000) { order.log.append(99) }
                _ = loop.timers.schedule(after: 20_000_000) { order.log.append(2) }
                loop.timers.cancel(cancelled)
            }
        }
        #expect(fired == [1, 2, 3])
    }

    @Test("cancelling a timer releases what its body captured at once, not at its deadline")
    func cancelReleasesBody() async {
        let loop = EventLoopGroup.shared.next()
        let released = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
            loop.execute {
                var captured: LoopCounter? = LoopCounter()
                weak let watcher = captured
                let id = loop.timers.schedule(after: 3_600_000_000_000) { [captured] in captured?.value += 1 }
                captured = nil
                loop.timers.cancel(id)
                done.resume(returning: watcher == nil)
            }
        }
        #expect(released)
    }
}

/// Mutable state touched only on one loop's thread.
private final class LoopCounter: @unchecked Sendable {
    // Safe because: every access happens inside jobs of the same EventLoop, which run serially.
    var value = 0
    var log: [Int] = []
}

#if canImport(Glibc)
import Glibc
#endif
import CLinuxEvents
import Synchronization

/// A fixed set of ``EventLoop``s, each on its own thread; connections are spread round-robin.
public final class EventLoopGroup: Sendable {
    /// The loops of this group.
    public let loops: [EventLoop]
    private let threads: Mutex<[pthread_t]>
    private let nextIndex = Atomic<Int>(0)

    /// A process-wide group with one loop per core, started on first use and never stopped.
    public static let shared = EventLoopGroup(loopCount: Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))

    /// Starts `loopCount` loops (at least one), each on a new thread.
    public init(loopCount: Int) {
        let loops = (0..<max(1, loopCount)).map { _ in EventLoop() }
        var threads: [pthread_t] = []
        for loop in loops {
            var thread = pthread_t()
            let box = Unmanaged.passRetained(loop).toOpaque()
            let rc = pthread_create(
                &thread, nil,
                { raw in
                    let loop = Unmanaged<EventLoop>.fromOpaque(raw!).takeRetainedValue()
                    loop.run()
                    return nil
                }, box)
            precondition(rc == 0, "pthread_create: \(String(cString: strerror(rc)))")
            threads.append(thread)
        }
        for loop in loops {
            while !loop.inEventLoopThreadStarted { sched_yield() }
        }
        self.loops = loops
        self.threads = Mutex(threads)
    }

    /// The next loop, round-robin.
    public func next() -> EventLoop {
        let index = nextIndex.wrappingAdd(1, ordering: .relaxed).oldValue
        return loops[index % loops.count]
    }

    /// Stops every loop and waits for their threads to end. Work still queued is dropped.
    public func shutdown() {
        for loop in loops { loop.stop() }
        let threads = self.threads.withLock { threads in
            defer { threads.removeAll() }
            return threads
        }
        for thread in threads { pthread_join(thread, nil) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Threads of their own for blocking name lookups (`getaddrinfo`), so that no event loop and
/// no thread of Swift's cooperative pool ever waits on DNS.
///
/// A small fixed pool shares one queue: one slow name does not hold up every other lookup.
final class LookupThreads: Sendable {
    /// The process-wide pool (two threads), started on first use and never stopped.
    static let shared = LookupThreads(threadCount: 2)

    private let queue = Mutex<[@Sendable () -> Void]>([])
    /// Counts the queued jobs; each thread waits on it.
    private nonisolated(unsafe) let available: UnsafeMutablePointer<sem_t>
    private let threadIDs = Mutex<[pthread_t]>([])

    private init(threadCount: Int) {
        available = .allocate(capacity: 1)
        sem_init(available, 0, 0)
        for _ in 0..<threadCount {
            var thread = pthread_t()
            let box = Unmanaged.passRetained(self).toOpaque()
            let rc = pthread_create(
                &thread, nil,
                { raw in
                    Unmanaged<LookupThreads>.fromOpaque(raw!).takeRetainedValue().serve()
                    return nil
                }, box)
            precondition(rc == 0, "pthread_create: \(String(cString: strerror(rc)))")
            threadIDs.withLock { $0.append(thread) }
        }
    }

    /// Whether the calling thread is one of this pool's.
    var isCurrent: Bool {
        let current = pthread_self()
        return threadIDs.withLock { $0.contains { pthread_equal($0, current) != 0 } }
    }

    /// Runs `work` on one of the pool's threads and returns its result.
    func run<Value: Sendable, Failure: Error>(
        _ work: @escaping @Sendable () throws(Failure) -> Value
    ) async throws(Failure) -> Value {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Value, Failure>, Never>) in
            queue.withLock { $0.append { continuation.resume(returning: Result { () throws(Failure) in try work() }) } }
            sem_post(available)
        }
        return try result.get()
    }

    /// A thread's life: takes jobs off the queue forever.
    private func serve() {
        while true {
            while sem_wait(available) != 0 {}
            let job = queue.withLock { $0.isEmpty ? nil : $0.removeFirst() }
            job?()
        }
    }
}

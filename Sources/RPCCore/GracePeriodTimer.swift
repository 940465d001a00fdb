import Synchronization

/// The end of a server transport's shutdown grace period: each
/// `beginGracefulShutdown(gracePeriod:)` starts a period here, and the transport waits for
/// the earliest one to end before cancelling the calls still running.
public final class GracePeriodTimer: Sendable {
    private let deadlines: AsyncStream<ContinuousClock.Instant>
    private let sink: AsyncStream<ContinuousClock.Instant>.Continuation
    private let ended = Atomic<Bool>(false)

    /// Creates a timer with no period started.
    public init() {
        (deadlines, sink) = AsyncStream.makeStream()
    }

    /// Starts a period ending `period` from now; the earliest end of all started periods counts.
    public func start(_ period: Duration) {
        sink.yield(ContinuousClock.now.advanced(by: period))
    }

    /// Returns `true` once a started period has ended, `false` if the waiting task is
    /// cancelled first. Wait from one task only, once.
    public func waitForEnd() async -> Bool {
        await withTaskGroup(of: Void.self) { timers in
            for await deadline in deadlines {
                timers.addTask { [self] in
                    guard (try? await Task.sleep(until: deadline, clock: .continuous)) != nil else { return }
                    ended.store(true, ordering: .releasing)
                    sink.finish()
                }
            }
            timers.cancelAll()
            return ended.load(ordering: .acquiring)
        }
    }
}

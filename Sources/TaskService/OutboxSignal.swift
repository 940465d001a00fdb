import Synchronization

/// Says that an event was committed to the outbox, so that waiting relays claim it at once
/// instead of at their next poll.
///
/// A store signals after each commit it makes (SQLite) or learns of from the database (a
/// PostgreSQL `NOTIFY`, sent by any replica). A relay reads ``generation`` before it looks at
/// the outbox and, finding nothing, calls ``wait(after:timeout:)`` with it: a commit made
/// between the look and the wait has already moved the generation on, so no signal is missed.
public final class OutboxSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [ObjectIdentifier: Waiter] = [:]
    }

    private let state = Mutex(State())

    /// Creates a signal that nothing has signalled yet.
    public init() {}

    /// How many times the signal was given; read it before looking at the outbox.
    public var generation: UInt64 { state.withLock { $0.generation } }

    /// Wakes every waiter and moves ``generation`` on.
    public func signal() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.finish() }
    }

    /// Returns once the signal is given after `generation` was read (at once if it already
    /// was), after `timeout` (the polling fallback), or when the task is cancelled.
    public func wait(after generation: UInt64, timeout: Duration) async {
        let waiter = Waiter()
        let key = ObjectIdentifier(waiter)
        let timer = Task {
            guard (try? await Task.sleep(for: timeout)) != nil else { return }
            waiter.finish()
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let signalled = state.withLock { state in
                    guard state.generation == generation else { return true }
                    state.waiters[key] = waiter
                    return false
                }
                if signalled || Task.isCancelled { continuation.resume() } else { waiter.install(continuation) }
            }
        } onCancel: {
            waiter.finish()
        }
        timer.cancel()
        _ = state.withLock { $0.waiters.removeValue(forKey: key) }
    }
}

/// One ``OutboxSignal/wait(after:timeout:)``: resumed once, by whichever comes first of the
/// signal, the timeout and cancellation (even when that came before the continuation was
/// installed).
private final class Waiter: Sendable {
    private struct State {
        var continuation: CheckedContinuation<Void, Never>?
        var finished = false
    }

    private let state = Mutex(State())

    /// Keeps the continuation, or resumes it at once when the wait already finished.
    func install(_ continuation: CheckedContinuation<Void, Never>) {
        let finished = state.withLock { state in
            if !state.finished { state.continuation = continuation }
            return state.finished
        }
        if finished { continuation.resume() }
    }

    /// Ends the wait (the first call resumes; later ones do nothing).
    func finish() {
        let continuation = state.withLock { state in
            state.finished = true
            defer { state.continuation = nil }
            return state.continuation
        }
        continuation?.resume()
    }
}

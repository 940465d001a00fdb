import Synchronization

/// A first-come-first-served lock that async code waits for without holding a thread: it
/// gives one task at a time the use of a libpq connection, for a statement, a transaction or a
/// wait for notifications.
///
/// The Mutex inside also orders memory, so whatever a holder did to the connection is visible
/// to the next holder, on whichever thread it runs.
final class ExclusiveAccess: Sendable {
    private struct State {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Waits until the lock is free and takes it.
    func acquire() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let granted = state.withLock { state in
                if state.held {
                    state.waiters.append(continuation)
                    return false
                }
                state.held = true
                return true
            }
            if granted { continuation.resume() }
        }
    }

    /// Passes the lock to the longest waiter, or frees it.
    func release() {
        let next = state.withLock { state -> CheckedContinuation<Void, Never>? in
            if state.waiters.isEmpty {
                state.held = false
                return nil
            }
            return state.waiters.removeFirst()
        }
        next?.resume()
    }

}

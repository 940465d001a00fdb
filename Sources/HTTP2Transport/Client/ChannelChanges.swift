import Synchronization

/// Lets calls of a client channel wait until one of its subchannels changes phase.
///
/// A caller reads ``generation`` before looking at the subchannels and passes it to
/// ``wait(after:)``: a change in between returns at once, so no change is missed.
final class ChannelChanges: Sendable {
    /// Why a wait ended.
    enum Outcome: Sendable {
        /// A subchannel changed: look again.
        case changed
        /// The waiting task was cancelled (its deadline passed, or the caller gave up).
        case cancelled
        /// The channel is shutting down.
        case shutDown
    }

    private struct State {
        var generation: UInt64 = 0
        var shutDown = false
        var nextID: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Outcome, Never>] = [:]
    }

    private let state = Mutex(State())

    /// Counts the changes so far.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// A subchannel changed: wakes every waiter.
    func changed() {
        let waiters = state.withLock { state in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume(returning: .changed) }
    }

    /// The channel shuts down: wakes every waiter, and later waits end at once.
    func shutDown() {
        let waiters = state.withLock { state in
            state.shutDown = true
            defer { state.waiters = [:] }
            return state.waiters
        }
        for waiter in waiters.values { waiter.resume(returning: .shutDown) }
    }

    /// Waits for the first change after `generation`, the task's cancellation, or shutdown.
    func wait(after generation: UInt64) async -> Outcome {
        let id = state.withLock { state in
            state.nextID += 1
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let immediate = state.withLock { state -> Outcome? in
                    if state.shutDown { return .shutDown }
                    if state.generation != generation { return .changed }
                    // Checked under the lock the cancellation handler takes: either the handler
                    // finds this waiter, or the task was already marked cancelled here.
                    if Task.isCancelled { return .cancelled }
                    state.waiters[id] = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { $0.waiters.removeValue(forKey: id) }
            waiter?.resume(returning: .cancelled)
        }
    }
}

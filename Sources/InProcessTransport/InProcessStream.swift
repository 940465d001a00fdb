import RPCCore
import Synchronization

/// The shared state of one in-process stream: the two bounded channels, and what is needed
/// to reset the stream from either side.
final class InProcessStream: Sendable {
    let descriptor: MethodDescriptor
    let deadline: ContinuousClock.Instant?
    let requests: PartChannel<RequestPart>
    let responses: PartChannel<ResponsePart>

    private struct State {
        var statusDelivered = false
        var reset = false
        var handlerTask: Task<Void, Never>?
    }

    private let state = Mutex(State())

    init(descriptor: MethodDescriptor, deadline: ContinuousClock.Instant?, capacity: Int) {
        self.descriptor = descriptor
        self.deadline = deadline
        requests = PartChannel(capacity: capacity)
        responses = PartChannel(capacity: capacity)
    }

    /// Records that the client has received the final status.
    func markStatusDelivered() {
        state.withLock { $0.statusDelivered = true }
    }

    /// Whether the client has received the final status.
    var statusDelivered: Bool { state.withLock { $0.statusDelivered } }

    /// Records the task running the server handler; it is cancelled at once if the stream
    /// was already reset.
    func attachHandlerTask(_ task: Task<Void, Never>) {
        let alreadyReset = state.withLock { state in
            state.handlerTask = task
            return state.reset
        }
        if alreadyReset { task.cancel() }
    }

    /// Resets the stream (the in-process RST_STREAM): both channels fail with `error` and the
    /// server handler's task is cancelled. Does nothing once the status was delivered.
    func reset(_ error: RPCError) {
        let task = state.withLock { state -> Task<Void, Never>? in
            guard !state.reset, !state.statusDelivered else { return nil }
            state.reset = true
            return state.handlerTask
        }
        requests.fail(error)
        responses.fail(error)
        task?.cancel()
    }
}

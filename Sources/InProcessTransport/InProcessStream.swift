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

    /// Starts the task running the server handler, or returns `nil` when the client already
    /// reset the stream (the call then never reaches a handler). Created under the lock, so
    /// a later reset finds the task and cancels it before failing the channels: the handler
    /// never sees a reset while its task is uncancelled.
    func startHandlerTask(_ operation: @escaping @Sendable () async -> Void) -> Task<Void, Never>? {
        state.withLock { state in
            guard !state.reset else { return nil }
            let task = Task { await operation() }
            state.handlerTask = task
            return task
        }
    }

    /// Resets the stream (the in-process RST_STREAM): both channels fail with `error` and the
    /// server handler's task is cancelled. Does nothing once the status was delivered.
    func reset(_ error: RPCError) {
        let task = state.withLock { state -> Task<Void, Never>? in
            guard !state.reset, !state.statusDelivered else { return nil }
            state.reset = true
            return state.handlerTask
        }
        // The client's side fails first, so a status the cancelled handler writes afterwards
        // cannot reach the client ahead of `error`; then the task is cancelled before its
        // requests fail, so the handler never sees its inbound fail while uncancelled.
        responses.fail(error)
        task?.cancel()
        requests.fail(error)
    }
}

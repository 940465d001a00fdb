import RPCCore
import Synchronization

/// A bounded single-producer, single-consumer queue of stream parts with backpressure:
/// ``send(_:)`` suspends while ``capacity`` parts are waiting, ``receive()`` suspends while
/// none are. Either side may be interrupted by task cancellation (CANCELLED) or by
/// ``fail(_:)`` (a stream reset), which discards the parts still queued.
final class PartChannel<Part: Sendable>: Sendable {
    private typealias Receiver = CheckedContinuation<Result<Part?, RPCError>, Never>
    private typealias Sender = CheckedContinuation<Result<Void, RPCError>, Never>

    private struct State {
        var queue: [Part] = []
        var head = 0
        var receiver: Receiver?
        var sender: (part: Part, continuation: Sender)?
        var finished = false
        var failure: RPCError?
        var endDelivered = false

        var queuedCount: Int { queue.count - head }

        mutating func popFirst() -> Part? {
            guard head < queue.count else { return nil }
            let part = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            return part
        }
    }

    /// How many parts may wait before ``send(_:)`` suspends.
    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        precondition(capacity > 0, "a channel needs room for at least one part")
        self.capacity = capacity
    }

    /// Queues a part, suspending while the queue is full.
    ///
    /// - Throws: the failure the channel was failed with; INTERNAL after ``finish()``;
    ///   CANCELLED when the sending task is cancelled.
    func send(_ part: Part) async throws(RPCError) {
        let result: Result<Void, RPCError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Sender) in
                let immediate: Result<Void, RPCError>? = state.withLock { state in
                    if let failure = state.failure { return .failure(failure) }
                    if state.finished {
                        return .failure(RPCError(code: .internal, message: "part written after the end of the stream"))
                    }
                    if let receiver = state.receiver {
                        state.receiver = nil
                        receiver.resume(returning: .success(part))
                        return .success(())
                    }
                    if state.queuedCount < capacity {
                        state.queue.append(part)
                        return .success(())
                    }
                    if Task.isCancelled { return .failure(cancelled) }
                    state.sender = (part, continuation)
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let sender = state.withLock { state in
                defer { state.sender = nil }
                return state.sender?.continuation
            }
            sender?.resume(returning: .failure(cancelled))
        }
        try result.get()
    }

    /// The next part; `nil` once the sender finished and every part was received.
    ///
    /// - Throws: the failure the channel was failed with; CANCELLED when the receiving task
    ///   is cancelled.
    func receive() async throws(RPCError) -> Part? {
        let result: Result<Part?, RPCError> = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: Receiver) in
                let immediate: Result<Part?, RPCError>? = state.withLock { state in
                    if state.endDelivered { return .success(nil) }
                    if let failure = state.failure { return .failure(failure) }
                    if let part = state.popFirst() {
                        if let sender = state.sender {
                            state.sender = nil
                            state.queue.append(sender.part)
                            sender.continuation.resume(returning: .success(()))
                        }
                        return .success(part)
                    }
                    if state.finished {
                        state.endDelivered = true
                        return .success(nil)
                    }
                    if Task.isCancelled { return .failure(cancelled) }
                    state.receiver = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let receiver = state.withLock { state in
                defer { state.receiver = nil }
                return state.receiver
            }
            receiver?.resume(returning: .failure(cancelled))
        }
        return try result.get()
    }

    /// Ends the sequence after the parts already queued. Later calls do nothing.
    func finish() {
        let receiver = state.withLock { state -> Receiver? in
            guard !state.finished, state.failure == nil else { return nil }
            state.finished = true
            guard let receiver = state.receiver, state.queuedCount == 0 else { return nil }
            state.receiver = nil
            state.endDelivered = true
            return receiver
        }
        receiver?.resume(returning: .success(nil))
    }

    /// Fails both sides with `error`, discarding queued parts; does nothing once the
    /// receiver has seen the end or the channel already failed.
    func fail(_ error: RPCError) {
        let (receiver, sender) = state.withLock { state -> (Receiver?, Sender?) in
            guard state.failure == nil, !state.endDelivered else { return (nil, nil) }
            state.failure = error
            state.queue.removeAll()
            state.head = 0
            defer {
                state.receiver = nil
                state.sender = nil
            }
            return (state.receiver, state.sender?.continuation)
        }
        receiver?.resume(returning: .failure(error))
        sender?.resume(returning: .failure(error))
    }
}

private let cancelled = RPCError(code: .cancelled, message: "the task was cancelled")

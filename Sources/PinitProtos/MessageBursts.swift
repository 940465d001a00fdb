import Synchronization

/// Calls `body` with bursts of `messages`: each burst is every message that had arrived when
/// the previous burst was done (at most `limit`), and only an empty buffer waits for the next
/// message. So a consumer that commits once per burst pays one commit for what arrived while it
/// committed, however many messages that was, and a lone message is never held back.
///
/// A child task reads `messages` into a buffer of at most `limit`; when the buffer is full the
/// reader waits, so a fast peer meets backpressure rather than an unbounded buffer. Messages
/// that arrived before the sequence failed are handed over first, then its error is thrown.
///
/// - Throws: what `messages` or `body` throws; `CancellationError` when cancelled.
public func forEachBurst<Messages: AsyncSequence & Sendable>(
    of messages: Messages, limit: Int, _ body: ([Messages.Element]) async throws -> Void
) async throws where Messages.Element: Sendable {
    let buffer = BurstBuffer<Messages.Element>(limit: max(1, limit))
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask {
            do {
                for try await message in messages { try await buffer.append(message) }
                buffer.finish(throwing: nil)
            } catch {
                buffer.finish(throwing: error)
            }
        }
        while let burst = try await buffer.next() { try await body(burst) }
        group.cancelAll()
    }
}

/// The buffer between the reading task and the consumer of ``forEachBurst(of:limit:_:)``: one
/// producer, one consumer.
private final class BurstBuffer<Element: Sendable>: Sendable {
    private struct State {
        var messages: [Element] = []
        var end: (any Error)??
        var consumer: CheckedContinuation<[Element]?, any Error>?
        var producer: CheckedContinuation<Void, Never>?
        var cancelled = false
    }

    /// What ``next()`` found.
    private enum TakeAction {
        case messages([Element], CheckedContinuation<Void, Never>?)
        case end((any Error)?)
        case cancelled
        case wait
    }

    private let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = limit }

    /// Adds a message, waiting while the buffer is full.
    func append(_ message: Element) async throws {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let hasRoom = state.withLock { state in
                    if state.messages.count < limit || state.cancelled { return true }
                    state.producer = continuation
                    return false
                }
                if hasRoom { continuation.resume() }
            }
        } onCancel: {
            let producer = state.withLock { state in
                state.cancelled = true
                defer { state.producer = nil }
                return state.producer
            }
            producer?.resume()
        }
        try Task.checkCancellation()
        let handOver = state.withLock { state -> (CheckedContinuation<[Element]?, any Error>, [Element])? in
            state.messages.append(message)
            guard let consumer = state.consumer else { return nil }
            state.consumer = nil
            defer { state.messages = [] }
            return (consumer, state.messages)
        }
        if let (consumer, messages) = handOver { consumer.resume(returning: messages) }
    }

    /// Ends the messages; `error` is thrown once the buffered messages were taken.
    func finish(throwing error: (any Error)?) {
        let consumer = state.withLock { state in
            state.end = .some(error)
            defer { state.consumer = nil }
            return state.consumer
        }
        if let error { consumer?.resume(throwing: error) } else { consumer?.resume(returning: nil) }
    }

    /// Every buffered message, waiting only when there is none; `nil` at the end.
    func next() async throws -> [Element]? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Element]?, any Error>) in
                let action = state.withLock { state -> TakeAction in
                    if !state.messages.isEmpty {
                        defer {
                            state.messages = []
                            state.producer = nil
                        }
                        return .messages(state.messages, state.producer)
                    }
                    if let end = state.end { return .end(end) }
                    if state.cancelled { return .cancelled }
                    state.consumer = continuation
                    return .wait
                }
                switch action {
                case .messages(let messages, let producer):
                    producer?.resume()
                    continuation.resume(returning: messages)
                case .end(let error):
                    if let error { continuation.resume(throwing: error) } else { continuation.resume(returning: nil) }
                case .cancelled: continuation.resume(throwing: CancellationError())
                case .wait: break
                }
            }
        } onCancel: {
            let consumer = state.withLock { state in
                state.cancelled = true
                defer { state.consumer = nil }
                return state.consumer
            }
            consumer?.resume(throwing: CancellationError())
        }
    }
}

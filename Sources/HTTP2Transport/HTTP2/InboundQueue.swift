import Synchronization

/// The events of one stream's reader, pushed on the connection's loop and awaited by one
/// reading task on any thread: the one hand-off between a loop and a task.
///
/// Stored inline in its stream (``HTTP2ServerStream``, ``HTTP2ClientStream``), so a stream and
/// its queue are one allocation. The first two waiting events sit in inline slots, so a unary
/// request (its message and its end) never allocates a queue.
///
/// Holds at most one HTTP/2 stream window of data: the peer cannot send more until the reader
/// takes a message and the transport returns its window (`nghttp2_session_consume`).
struct InboundQueue<Event: ReaderEvent>: ~Copyable, Sendable {
    // Internal rather than private: a private type nested in this generic struct breaks
    // Swift 6.3.1's code generation in other files (a missing symbol).
    struct State {
        var first: Event?
        var second: Event?
        var rest: [Event] = []
        var restHead = 0
        var waiter: UnsafeContinuation<Event, Never>?
        var cancelled = false

        mutating func append(_ event: Event) {
            if first == nil {
                first = event
            } else if second == nil, restHead == rest.count {
                second = event
            } else {
                rest.append(event)
            }
        }

        mutating func popFirst() -> Event? {
            guard let event = first else { return nil }
            first = second
            second = nil
            if first == nil, restHead < rest.count {
                first = rest[restHead]
                restHead += 1
            }
            if second == nil, restHead < rest.count {
                second = rest[restHead]
                restHead += 1
            }
            if restHead == rest.count, restHead > 0 {
                rest.removeAll(keepingCapacity: true)
                restHead = 0
            }
            return event
        }
    }

    private let state = Mutex(State())

    init() {}

    /// Adds an event, waking the reader if it waits.
    func push(_ event: Event) {
        let waiter = state.withLock { state -> UnsafeContinuation<Event, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The next event if one has arrived, without waiting.
    func poll() -> Event? {
        state.withLock { $0.popFirst() }
    }

    /// The next event, waiting for one; ``ReaderEvent/cancelled`` if the task is cancelled.
    /// Callers try ``poll()`` first: this always sets up a cancellation handler.
    nonisolated(nonsending) func next() async -> Event {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let ready = state.withLock { state -> Event? in
                    if let event = state.popFirst() { return event }
                    if state.cancelled { return .cancelled }
                    state.waiter = continuation
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                state.cancelled = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: .cancelled)
        }
    }
}

/// An event of an ``InboundQueue``.
protocol ReaderEvent: Sendable {
    /// What the reader gets instead of an event once its task is cancelled.
    static var cancelled: Self { get }
}

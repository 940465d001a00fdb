import GRPCProtocol
import Synchronization

/// What one HTTP/2 stream delivers to the task that reads it, in order.
enum HTTP2StreamEvent: Sendable {
    /// A complete header block (response headers or trailers); `endStream` when the peer
    /// ended its side with it (no `end` event follows then).
    case headers([HeaderField], endStream: Bool)
    /// The payload of one DATA frame.
    case data([UInt8])
    /// The peer ended its side of the stream (END_STREAM).
    case end
    /// The stream was reset (by either side) with this HTTP/2 error code.
    case reset(UInt32)
    /// The connection closed before the stream ended; the text says why.
    case connectionClosed(String)
    /// The reading task was cancelled.
    case cancelled
}

/// The events of one stream, pushed by its event loop and awaited by one reading task.
///
/// Holds at most one HTTP/2 stream window of data: the peer cannot send more until the reader
/// takes data and the transport returns the window (`nghttp2_session_consume`).
final class InboundQueue: Sendable {
    private struct State {
        var events: [HTTP2StreamEvent] = []
        var head = 0
        var waiter: UnsafeContinuation<HTTP2StreamEvent, Never>?
        var cancelled = false

        mutating func popFirst() -> HTTP2StreamEvent? {
            guard head < events.count else { return nil }
            let event = events[head]
            head += 1
            if head == events.count {
                events.removeAll(keepingCapacity: true)
                head = 0
            }
            return event
        }
    }

    private let state = Mutex(State())

    /// Adds an event, waking the reader if it waits.
    func push(_ event: HTTP2StreamEvent) {
        let waiter = state.withLock { state -> UnsafeContinuation<HTTP2StreamEvent, Never>? in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            state.events.append(event)
            return nil
        }
        waiter?.resume(returning: event)
    }

    /// The next event if one has arrived, without waiting.
    func poll() -> HTTP2StreamEvent? {
        state.withLock { $0.popFirst() }
    }

    /// The next event, waiting for one; ``HTTP2StreamEvent/cancelled`` if the task is cancelled.
    /// Callers try ``poll()`` first: this always sets up a cancellation handler.
    nonisolated(nonsending) func next() async -> HTTP2StreamEvent {
        await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                let ready = state.withLock { state -> HTTP2StreamEvent? in
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

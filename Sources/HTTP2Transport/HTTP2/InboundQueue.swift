import GRPCProtocol
import RPCCore
import Synchronization

/// What one HTTP/2 stream delivers to the task that reads it, in order.
enum HTTP2StreamEvent: Sendable {
    /// A complete header block (response headers or trailers); `endStream` when the peer
    /// ended its side with it (no `end` event follows then).
    case headers([HeaderField], endStream: Bool)
    /// The payload of one DATA frame (client streams: the response state machine deframes).
    case data([UInt8])
    /// One request message, deframed as its DATA arrived (server streams); `consumed` is the
    /// flow-control window to return once the reader takes it.
    case message([UInt8], compressed: Bool, consumed: Int)
    /// The request's DATA broke the gRPC framing (oversized, bad prefix, cut short): the
    /// reader fails with this error; later DATA is dropped.
    case malformed(RPCError)
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
/// ``HTTP2StreamChannel`` inherits it, so a stream and its queue are one object. The first two
/// waiting events sit in inline slots, so a unary request (its message and its end) never
/// allocates a queue.
///
/// Holds at most one HTTP/2 stream window of data: the peer cannot send more until the reader
/// takes data and the transport returns the window (`nghttp2_session_consume`).
class InboundQueue: @unchecked Sendable {
    // Safe because: its only stored property is a Mutex.
    private struct State {
        var first: HTTP2StreamEvent?
        var second: HTTP2StreamEvent?
        var rest: [HTTP2StreamEvent] = []
        var restHead = 0
        var waiter: UnsafeContinuation<HTTP2StreamEvent, Never>?
        var cancelled = false

        mutating func append(_ event: HTTP2StreamEvent) {
            if first == nil {
                first = event
            } else if second == nil, restHead == rest.count {
                second = event
            } else {
                rest.append(event)
            }
        }

        mutating func popFirst() -> HTTP2StreamEvent? {
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

    /// Adds an event, waking the reader if it waits.
    final func push(_ event: HTTP2StreamEvent) {
        let waiter = state.withLock { state -> UnsafeContinuation<HTTP2StreamEvent, Never>? in
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
    final func poll() -> HTTP2StreamEvent? {
        state.withLock { $0.popFirst() }
    }

    /// The next event, waiting for one; ``HTTP2StreamEvent/cancelled`` if the task is cancelled.
    /// Callers try ``poll()`` first: this always sets up a cancellation handler.
    final nonisolated(nonsending) func next() async -> HTTP2StreamEvent {
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

import CNGHTTP2
import GRPCProtocol
import RPCCore
import Synchronization

/// The core of one HTTP/2 stream of an ``HTTP2Connection``, shared by both roles: its id, its
/// inbound flow control, its outbound buffer and its close.
///
/// Each role is a final subclass that adds the stream's inbound reader, driven by that role's
/// `GRPCProtocol` state machine: ``HTTP2ServerStream`` (Server/) reads a request,
/// ``HTTP2ClientStream`` (Client/) reads a response. nghttp2 finds the stream through its user
/// data (set when the stream begins, cleared when it closes) and hands it inbound events
/// through the methods under "Inbound", which the roles override.
///
/// Loop thread only, but for the methods that say otherwise: those check `inEventLoop` and
/// otherwise post themselves to the connection's loop (``isClosed``, ``closedError`` and
/// ``send(message:compressed:)`` may be called from any thread).
class HTTP2Stream: @unchecked Sendable {
    // Safe because: every stored var is read and written only on `connection.loop`'s thread —
    // from nghttp2 callbacks, loop jobs, or the methods below, which check `inEventLoop` and
    // otherwise hop there with `loop.execute`. What other threads read is atomic or locked.
    // Unchecked exclusivity on those vars (and the roles'): one thread, and no access to one
    // of them overlaps another access to it; the dynamic checks (about 30 per unary call) cost
    // more than the work they guard.

    let connection: HTTP2Connection
    /// The stream id; 0 until nghttp2 assigns one.
    @exclusivity(unchecked) final var id: Int32 = 0
    /// Why the stream ended, once it has: the HTTP/2 error code, or nil before.
    @exclusivity(unchecked) private(set) final var closeCode: UInt32?
    /// Whether the peer's END_STREAM has arrived.
    @exclusivity(unchecked) private(set) final var inboundEnded = false
    /// Whether this side's END_STREAM has been sent.
    @exclusivity(unchecked) final var outboundEnded = false
    /// Received bytes whose flow-control window has not been returned yet.
    @exclusivity(unchecked) private final var unconsumedBytes = 0
    /// Deframed messages waiting for the reader, whose windows return when it takes them.
    @exclusivity(unchecked) private final var queuedMessages = 0
    /// Bytes of the incomplete message whose window is held until it completes.
    @exclusivity(unchecked) private final var heldPartialBytes = 0
    /// Framed messages not yet taken by nghttp2: one buffer, read from `pendingOffset`.
    @exclusivity(unchecked) private final var pending: [UInt8] = []
    @exclusivity(unchecked) private final var pendingOffset = 0
    @exclusivity(unchecked) private final var bufferedBytes = 0
    /// Whether this side's end was queued (after the buffered data, or with Trailers-Only headers).
    @exclusivity(unchecked) final var outboundFinished = false
    @exclusivity(unchecked) private final var trailers: ServerHeaderBlock?
    @exclusivity(unchecked) private final var deferred = false
    @exclusivity(unchecked) private final var writeWaiter: UnsafeContinuation<Bool, Never>?
    private let ended = Atomic<Bool>(false)
    private let endError = Mutex<RPCError?>(nil)

    /// The largest pending buffer kept for reuse once drained.
    private static let retainedBufferCapacity = 64 << 10

    /// The error code reported for a stream whose connection closed under it.
    static let connectionLostCode = UInt32(NGHTTP2_INTERNAL_ERROR.rawValue)

    init(connection: HTTP2Connection) {
        self.connection = connection
    }

    final var loop: EventLoop { connection.loop }

    /// Whether the stream has closed; readable from any thread.
    final var isClosed: Bool { ended.load(ordering: .acquiring) }

    /// Why the stream ended, as the error a writer reports (readable from any thread).
    final var closedError: RPCError {
        endError.withLock { $0 } ?? RPCError(code: .internal, message: "the stream has not ended")
    }

    // MARK: Inbound, each role's reader (loop thread, inside nghttp2's callbacks)

    /// One field of a header block that is not a request's head: a response's headers or
    /// trailers on a client stream, request trailers on a server stream (ignored).
    func receivedHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {}

    /// Such a header block ended; `endStream` when the peer ended its side with it.
    func receivedHeaderBlockEnd(endStream: Bool) {
        if endStream { receivedEnd() }
    }

    /// One DATA payload, whose window the reader returns (``consume(_:)``,
    /// ``windowForMessage(using:)``).
    func receivedData(_ bytes: UnsafeBufferPointer<UInt8>) {}

    /// The peer ended its side (END_STREAM); a role that reacts calls this first.
    func receivedEnd() {
        inboundEnded = true
    }

    /// The stream ended without the peer's END_STREAM, or with an error: reset (by either
    /// side) with an HTTP/2 error code, or cut off when the connection closed. Called after
    /// the stream is marked closed.
    func ended(_ end: StreamEnd) {}

    // MARK: Inbound flow control (loop thread)

    /// Counts `count` received bytes: their window returns once the reader has taken them.
    final func bookReceived(_ count: Int) {
        unconsumedBytes += count
    }

    /// A complete message took `bytes` of a DATA payload: the window to return when the
    /// reader takes it (with the bytes of its beginning held until it completed).
    final func windowForMessage(using bytes: Int) -> Int {
        let window = bytes + heldPartialBytes
        heldPartialBytes = 0
        queuedMessages += 1
        return window
    }

    /// `bytes` of a DATA payload belong to a message still incomplete: their window returns at
    /// once while no complete message waits for the reader (so a message larger than the window
    /// can arrive), and with the waiting message otherwise (so a reader that stops reading stops
    /// the peer). Returns the count to return now.
    final func windowForPartialMessage(_ bytes: Int) -> Int {
        if queuedMessages == 0 { return bytes }
        heldPartialBytes += bytes
        return 0
    }

    /// The bytes held for an incomplete message that will never complete (the framing broke):
    /// returned now.
    final func releaseHeldWindow() -> Int {
        defer { heldPartialBytes = 0 }
        return heldPartialBytes
    }

    /// The reader took a message: returns its window, and that of the next message's bytes
    /// held while this one waited (any thread).
    final func messageTaken(consumed: Int) {
        guard loop.inEventLoop else { return loop.execute { [self] in messageTaken(consumed: consumed) } }
        queuedMessages -= 1
        var count = consumed
        if queuedMessages == 0 {
            count += heldPartialBytes
            heldPartialBytes = 0
        }
        consume(count)
    }

    /// Returns `count` bytes of flow-control window (any thread).
    final func consume(_ count: Int) {
        guard loop.inEventLoop else { return loop.execute { [self] in consume(count) } }
        guard closeCode == nil, count > 0, let session = connection.session else { return }
        unconsumedBytes -= count
        nghttp2_session_consume(session, id, count)
        connection.requestFlush()
    }

    // MARK: Close (loop thread)

    /// nghttp2 closed the stream (on_stream_close), normally or by a reset.
    final func closed(errorCode: UInt32) {
        guard closeCode == nil else { return }
        closeCode = errorCode
        if unconsumedBytes > 0, let session = connection.session {
            nghttp2_session_consume_connection(session, unconsumedBytes)
            unconsumedBytes = 0
        }
        let name = HTTP2ErrorCode(rawValue: errorCode).name
        finishClosing(
            errorCode == 0
                ? RPCError(code: .internal, message: "the stream has already ended")
                : RPCError(
                    code: StatusMapping.code(forHTTP2Error: HTTP2ErrorCode(rawValue: errorCode)),
                    message: "stream reset with HTTP/2 error \(name)"))
        if errorCode != 0 || !inboundEnded { ended(.reset(errorCode)) }
    }

    /// The connection closed while the stream was open.
    final func connectionClosed(_ reason: String) {
        guard closeCode == nil else { return }
        closeCode = Self.connectionLostCode
        finishClosing(RPCError(code: .unavailable, message: reason))
        ended(.connectionClosed(reason))
    }

    private final func finishClosing(_ error: RPCError) {
        endError.withLock { $0 = error }
        ended.store(true, ordering: .releasing)
        pending = []
        pendingOffset = 0
        bufferedBytes = 0
        if let waiter = writeWaiter {
            writeWaiter = nil
            waiter.resume(returning: false)
        }
    }

    /// Resets the stream (RST_STREAM) with an HTTP/2 error code, such as CANCEL (any thread).
    final func reset(code: UInt32) {
        guard loop.inEventLoop else { return loop.execute { [self] in reset(code: code) } }
        guard closeCode == nil, let session = connection.session else { return }
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, code)
        connection.requestFlush()
    }

    // MARK: Outbound

    /// Whether a message of `count` bytes can be queued at once with ``sendNow(message:compressed:)``:
    /// the caller runs on the loop's thread, the stream is open and its outbound buffer has room.
    final func hasRoomWithoutWaiting(for count: Int) -> Bool {
        loop.inEventLoop && closeCode == nil && bufferedBytes + count <= connection.settings.outboundBufferLimit
    }

    /// Queues one message with its 5-byte gRPC prefix (`compressed` sets its flag) now, on the
    /// loop's thread, whatever the buffer holds (a caller that checked
    /// ``hasRoomWithoutWaiting(for:)``, or one sending a unary request); false once the stream closed.
    final func sendNow(message bytes: [UInt8], compressed: Bool) -> Bool {
        guard loop.inEventLoop, closeCode == nil else { return false }
        append(bytes, compressed: compressed)
        return true
    }

    /// Queues one message as ``sendNow(message:compressed:)`` does, from any thread; suspends
    /// while more than the connection's outbound limit is buffered. Returns false when the
    /// stream has closed (or the task was cancelled).
    final nonisolated(nonsending) func send(message bytes: [UInt8], compressed: Bool) async -> Bool {
        if hasRoomWithoutWaiting(for: bytes.count) {
            append(bytes, compressed: compressed)
            return true
        }
        let limit = connection.settings.outboundBufferLimit
        return await withTaskCancellationHandler {
            await withUnsafeContinuation { continuation in
                loop.runOrExecute { [self] in
                    guard closeCode == nil else { return continuation.resume(returning: false) }
                    append(bytes, compressed: compressed)
                    if bufferedBytes <= limit {
                        continuation.resume(returning: true)
                    } else {
                        writeWaiter = continuation
                    }
                }
            }
        } onCancel: {
            loop.execute { [self] in
                if let waiter = writeWaiter {
                    writeWaiter = nil
                    waiter.resume(returning: false)
                }
            }
        }
    }

    /// Adds one message to what nghttp2 will send, framed straight into the pending buffer
    /// (its gRPC prefix flagged `compressed`), with no copy of its own.
    private final func append(_ bytes: [UInt8], compressed: Bool) {
        if pendingOffset > 0, pendingOffset >= pending.count / 2 {
            pending.removeFirst(pendingOffset)
            pendingOffset = 0
        }
        let prefixSize = MessageFramer.prefixSize
        // One allocation for the prefix and the message together, growing geometrically:
        // reserving the exact size on every append would copy the whole buffer each time
        // while a stream queues many messages.
        let needed = pending.count + prefixSize + bytes.count
        if needed > pending.capacity { pending.reserveCapacity(max(needed, 2 * pending.capacity)) }
        withUnsafeTemporaryAllocation(byteCount: prefixSize, alignment: 1) { prefix in
            _ = MessageFramer.writePrefix(length: bytes.count, compressed: compressed, into: prefix)
            pending.append(contentsOf: prefix)
        }
        pending.append(contentsOf: bytes)
        bufferedBytes += prefixSize + bytes.count
        resumeIfDeferred()
    }

    /// Ends the outbound side after the buffered data (any thread): with trailers (a server's
    /// status), or with END_STREAM on the last DATA frame (an empty one if nothing is buffered).
    final func finish(trailers: ServerHeaderBlock?) {
        guard loop.inEventLoop else { return loop.execute { [self] in finish(trailers: trailers) } }
        guard closeCode == nil, !outboundFinished else { return }
        outboundFinished = true
        self.trailers = trailers
        resumeIfDeferred()
    }

    private final func resumeIfDeferred() {
        if deferred, let session = connection.session {
            deferred = false
            nghttp2_session_resume_data(session, id)
        }
        connection.requestFlush()
    }

    /// The data provider's read: copies buffered bytes into nghttp2's frame buffer.
    final func readOutbound(into buffer: UnsafeMutablePointer<UInt8>, length: Int, flags: inout UInt32) -> Int {
        let written = min(length, pending.count - pendingOffset)
        pending.withUnsafeBufferPointer { bytes in
            if written > 0 { buffer.update(from: bytes.baseAddress! + pendingOffset, count: written) }
        }
        pendingOffset += written
        if pendingOffset == pending.count {
            // Keep a small buffer for the next message; let a large one go.
            pending.removeAll(keepingCapacity: pending.capacity <= Self.retainedBufferCapacity)
            pendingOffset = 0
        }
        bufferedBytes -= written
        if bufferedBytes <= connection.settings.outboundBufferLimit, let waiter = writeWaiter {
            writeWaiter = nil
            waiter.resume(returning: true)
        }
        guard bufferedBytes == 0, outboundFinished else {
            if written == 0 {
                deferred = true
                return Int(NGHTTP2_ERR_DEFERRED.rawValue)
            }
            return written
        }
        flags |= UInt32(NGHTTP2_DATA_FLAG_EOF.rawValue)
        if let trailers, let session = connection.session {
            flags |= UInt32(NGHTTP2_DATA_FLAG_NO_END_STREAM.rawValue)
            let rc = HeaderBlock.withNameValues(trailers) { nghttp2_submit_trailer(session, id, $0, $1) }
            if rc != 0 { return Int(NGHTTP2_ERR_CALLBACK_FAILURE.rawValue) }
        }
        return written
    }
}

/// How a stream ended without the peer's END_STREAM, or with an error.
enum StreamEnd: Sendable {
    /// Reset (by either side) with this HTTP/2 error code; 0 when nghttp2 closed it with
    /// NO_ERROR before the peer ended its side.
    case reset(UInt32)
    /// The connection closed first; the text says why.
    case connectionClosed(String)
}

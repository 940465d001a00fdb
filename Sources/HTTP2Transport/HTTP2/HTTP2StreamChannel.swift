import CNGHTTP2
import GRPCProtocol
import RPCCore
import Synchronization

/// One HTTP/2 stream of an ``HTTP2Connection``: its inbound events and its outbound buffer.
///
/// nghttp2 finds it through the stream's user data (set when the stream begins, cleared when
/// it closes). The async methods may be called from any task; they run their work on the
/// connection's loop, directly when the task already runs there (the usual case).
///
/// The stream core (id, flow control, outbound buffer, close) serves both roles; each role's
/// inbound state is used by that role only: a server stream's request (its state machine and
/// the window held for its messages), a client stream's response (a header block for the
/// reading task, or the unary exchange's collector, Client/HTTP2StreamChannel+Unary.swift).
/// The stream is also the queue of events for the task reading it (``InboundQueue``): one
/// object per stream instead of two.
final class HTTP2StreamChannel: InboundQueue, @unchecked Sendable {
    // Safe because: every stored var is read and written only on `connection.loop`'s thread —
    // from nghttp2 callbacks, loop jobs, or the methods below, which check `inEventLoop` and
    // otherwise hop there with `loop.execute`. `inbound` is itself Sendable.
    // Unchecked exclusivity on those vars: one thread, and no access to one of them overlaps
    // another access to it; the dynamic checks (about 30 per unary call) cost more than the
    // work they guard.

    // MARK: Core state (both roles)

    let connection: HTTP2Connection
    /// The stream id; 0 until nghttp2 assigns one.
    @exclusivity(unchecked) var id: Int32 = 0
    /// Events for the task reading the stream: the stream itself is their queue.
    var inbound: InboundQueue { self }
    /// Why the stream ended, once it has: the HTTP/2 error code, or nil before.
    @exclusivity(unchecked) private(set) var closeCode: UInt32?
    /// Whether the peer's END_STREAM has arrived.
    @exclusivity(unchecked) private(set) var inboundEnded = false
    /// Whether this side's END_STREAM has been sent.
    @exclusivity(unchecked) var outboundEnded = false
    /// Received bytes whose flow-control window has not been returned yet.
    @exclusivity(unchecked) private var unconsumedBytes = 0
    /// Framed messages not yet taken by nghttp2: one buffer, read from `pendingOffset`.
    @exclusivity(unchecked) private var pending: [UInt8] = []
    @exclusivity(unchecked) private var pendingOffset = 0
    @exclusivity(unchecked) private var bufferedBytes = 0
    @exclusivity(unchecked) private var outboundFinished = false
    @exclusivity(unchecked) private var trailers: ServerHeaderBlock?
    @exclusivity(unchecked) private var deferred = false
    @exclusivity(unchecked) private var writeWaiter: UnsafeContinuation<Bool, Never>?
    private let ended = Atomic<Bool>(false)
    private let endError = Mutex<RPCError?>(nil)

    // MARK: Server role: the request

    /// The request's state machine, fed the header fields, DATA and end as they arrive (it
    /// parses the head and deframes the messages); nil on client streams.
    @exclusivity(unchecked) var request: ServerRequestStateMachine?
    /// Deframed request messages the reader has not taken yet.
    @exclusivity(unchecked) private var queuedMessages = 0
    /// Bytes of the incomplete request message whose window is held until it completes.
    @exclusivity(unchecked) private var heldPartialBytes = 0
    /// The task handling the stream: cancelled when the stream closes with an error (a client
    /// reset, a lost connection).
    @exclusivity(unchecked) var handlerTask: Task<Void, Never>?

    // MARK: Client role: the response

    /// Headers of the response or trailer block being received, moved into an event for the
    /// reading task when the block ends.
    @exclusivity(unchecked) var headerBlock: [HeaderField] = []
    /// The stream carries one unary exchange, whose response is collected on the loop
    /// (``unaryResponse``) rather than read by a task through the inbound queue.
    @exclusivity(unchecked) var isUnaryExchange = false
    /// The unary exchange's response while it is being collected; nil before it starts and
    /// once the caller has been resumed.
    @exclusivity(unchecked) var unaryResponse: UnaryResponseCollector?
    /// The unary exchange's caller was cancelled before the exchange started.
    @exclusivity(unchecked) var unaryCancelledEarly = false

    /// The largest pending buffer kept for reuse once drained.
    private static let retainedBufferCapacity = 64 << 10

    /// The error code reported for a stream whose connection closed under it.
    static let connectionLostCode = UInt32(NGHTTP2_INTERNAL_ERROR.rawValue)

    init(connection: HTTP2Connection) {
        self.connection = connection
        super.init()
    }

    private var loop: EventLoop { connection.loop }

    // MARK: Inbound (loop thread)

    /// Whether the stream has closed; readable from any thread.
    var isClosed: Bool { ended.load(ordering: .acquiring) }

    /// Why the stream ended, as the error a writer reports (readable from any thread).
    var closedError: RPCError {
        endError.withLock { $0 } ?? RPCError(code: .internal, message: "the stream has not ended")
    }

    /// Records a DATA payload for the reader: as it is on client streams; deframed into
    /// messages by the ``request`` state machine on server streams. A message's window returns
    /// when the reader takes it. The bytes of the message still incomplete return at once while
    /// no complete message waits for the reader (so a message larger than the window can
    /// arrive), and are held with it otherwise (so a reader that stops reading stops the
    /// client). DATA of a request that was refused or broke its framing is dropped.
    func receivedData(_ bytes: UnsafeBufferPointer<UInt8>) {
        unconsumedBytes += bytes.count
        guard connection.role == .server else {
            return isUnaryExchange ? takeUnaryData(bytes) : inbound.push(.data(Array(bytes)))
        }
        var rest = UnsafeRawBufferPointer(bytes)
        var returnNow = 0
        do throws(RPCError) {
            while !rest.isEmpty {
                let before = rest.count
                // Optional chaining mutates the machine in place; reading it through `!` would copy it.
                guard let received = try request?.receiveData(&rest) else {
                    // The rest belongs to a message still incomplete (or is dropped).
                    rest = UnsafeRawBufferPointer(start: nil, count: 0)
                    if queuedMessages == 0 { returnNow += before } else { heldPartialBytes += before }
                    break
                }
                let consumed = before - rest.count + heldPartialBytes
                heldPartialBytes = 0
                queuedMessages += 1
                inbound.push(.message(received.message, compressed: received.compressed, consumed: consumed))
            }
        } catch {
            returnNow += rest.count + heldPartialBytes
            heldPartialBytes = 0
            inbound.push(.malformed(error))
        }
        // Outside nghttp2's callback, which this runs in.
        if returnNow > 0 { loop.execute { [self, returnNow] in consume(returnNow) } }
    }

    /// The reader took a message (server streams): returns its window, and that of the next
    /// message's bytes held while this one waited.
    func messageTaken(consumed: Int) {
        guard loop.inEventLoop else { return loop.execute { [self] in messageTaken(consumed: consumed) } }
        queuedMessages -= 1
        var count = consumed
        if queuedMessages == 0 {
            count += heldPartialBytes
            heldPartialBytes = 0
        }
        consume(count)
    }

    /// Server side: checks the request's header block once it has ended (``request``); an
    /// accepted request's messages may then be up to `maxReceiveMessageSize` bytes, and its
    /// path is offered to the connection's next request (one string fewer per call when a
    /// client calls the same method again).
    func acceptRequestHead(
        compression: CompressionConfiguration, maxReceiveMessageSize: Int
    ) -> Result<ServerRequestHead, RequestRejection> {
        guard
            let result = request?.endRequestHeaders(
                compression: compression, maxReceiveMessageSize: maxReceiveMessageSize)
        else {
            return .failure(.reset(.protocolError, message: "no request header block on stream \(id)"))
        }
        if case .success(let head) = result { connection.recentRequestPath = head.descriptor.fullPath }
        return result
    }

    /// One field of a response header block (client side): read from nghttp2's bytes by a
    /// unary exchange's collector, else kept as a ``HeaderField`` for the block's event.
    func receivedResponseHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        if isUnaryExchange {
            unaryResponse?.machine.receiveHeader(name: name, value: value)
        } else {
            headerBlock.append(HeaderField(name: name, value: value))
        }
    }

    /// A response header block (headers or trailers) ended (client side).
    func receivedHeaderBlockEnd(endStream: Bool) {
        if endStream { inboundEnded = true }
        guard !isUnaryExchange else { return takeUnaryHeaderBlockEnd(endStream: endStream) }
        let block = headerBlock
        headerBlock = []
        inbound.push(.headers(block, endStream: endStream))
    }

    /// Records the peer's END_STREAM after DATA or request headers.
    func receivedEnd() {
        inboundEnded = true
        if connection.role == .server {
            do throws(RPCError) {
                try request?.receiveEndOfStream()
            } catch {
                inbound.push(.malformed(error))
            }
        }
        deliver(.end)
    }

    /// Returns `count` bytes of flow-control window once the reader has taken them.
    func consume(_ count: Int) {
        guard loop.inEventLoop else { return loop.execute { [self] in consume(count) } }
        guard closeCode == nil, count > 0, let session = connection.session else { return }
        unconsumedBytes -= count
        nghttp2_session_consume(session, id, count)
        connection.requestFlush()
    }

    /// nghttp2 closed the stream (on_stream_close), normally or by a reset.
    func closed(errorCode: UInt32) {
        guard closeCode == nil else { return }
        closeCode = errorCode
        if unconsumedBytes > 0, let session = connection.session {
            nghttp2_session_consume_connection(session, unconsumedBytes)
            unconsumedBytes = 0
        }
        if errorCode != 0 || !inboundEnded { deliver(.reset(errorCode)) }
        let name = HTTP2ErrorCode(rawValue: errorCode).name
        finishClosing(
            errorCode,
            error: errorCode == 0
                ? RPCError(code: .internal, message: "the stream has already ended")
                : RPCError(
                    code: StatusMapping.code(forHTTP2Error: HTTP2ErrorCode(rawValue: errorCode)),
                    message: "stream reset with HTTP/2 error \(name)"))
    }

    /// The connection closed while the stream was open.
    func connectionClosed(_ reason: String) {
        guard closeCode == nil else { return }
        closeCode = Self.connectionLostCode
        deliver(.connectionClosed(reason))
        finishClosing(Self.connectionLostCode, error: RPCError(code: .unavailable, message: reason))
    }

    /// Hands an event to the stream's reader: the unary exchange's collector, or the task
    /// reading the inbound queue.
    private func deliver(_ event: HTTP2StreamEvent) {
        if isUnaryExchange { takeUnary(event) } else { inbound.push(event) }
    }

    private func finishClosing(_ code: UInt32, error: RPCError) {
        endError.withLock { $0 = error }
        ended.store(true, ordering: .releasing)
        pending = []
        pendingOffset = 0
        bufferedBytes = 0
        if let waiter = writeWaiter {
            writeWaiter = nil
            waiter.resume(returning: false)
        }
        if code != 0 { handlerTask?.cancel() }
        handlerTask = nil
    }

    // MARK: Outbound

    /// Queues one message with its 5-byte gRPC prefix (`compressed` sets its flag); suspends
    /// while more than the connection's outbound limit is buffered. Returns false when the
    /// stream has closed (or the task was cancelled).
    nonisolated(nonsending) func send(message bytes: [UInt8], compressed: Bool) async -> Bool {
        if trySend(message: bytes, compressed: compressed) { return true }
        return await sendWaiting(bytes, compressed: compressed)
    }

    /// Queues one message as ``send(message:compressed:)`` does when that needs no waiting: on
    /// the loop's thread, the stream open and the outbound buffer under its limit. Returns
    /// false (queuing nothing) otherwise; the caller then awaits ``send(message:compressed:)``.
    func trySend(message bytes: [UInt8], compressed: Bool) -> Bool {
        guard hasRoomWithoutWaiting(for: bytes.count) else { return false }
        append(bytes, compressed: compressed)
        return true
    }

    /// Whether a message of `count` bytes can be queued at once: the caller runs on the loop's
    /// thread, the stream is open and its outbound buffer has room.
    func hasRoomWithoutWaiting(for count: Int) -> Bool {
        loop.inEventLoop && closeCode == nil && bufferedBytes + count <= connection.settings.outboundBufferLimit
    }

    /// Queues one message now, on the loop's thread, whatever the buffer holds (a caller that
    /// checked ``hasRoomWithoutWaiting(for:)`` before compressing); false once the stream closed.
    func sendNow(message bytes: [UInt8], compressed: Bool) -> Bool {
        guard loop.inEventLoop, closeCode == nil else { return false }
        append(bytes, compressed: compressed)
        return true
    }

    /// Queues one message on the loop, resuming once the buffer is under its limit again (or
    /// with false once the stream closed or the task was cancelled).
    private nonisolated(nonsending) func sendWaiting(_ bytes: [UInt8], compressed: Bool) async -> Bool {
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
    private func append(_ bytes: [UInt8], compressed: Bool) {
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

    /// Ends the outbound side after the buffered data: with trailers (a server's status),
    /// or with END_STREAM on the last DATA frame (an empty one if nothing is buffered).
    func finish(trailers: ServerHeaderBlock?) {
        guard loop.inEventLoop else { return loop.execute { [self] in finish(trailers: trailers) } }
        guard closeCode == nil, !outboundFinished else { return }
        outboundFinished = true
        self.trailers = trailers
        resumeIfDeferred()
    }

    /// Sends response headers (server side); with `endStream`, the headers are the whole
    /// response (Trailers-Only), otherwise DATA and trailers follow from this stream's buffer.
    func sendResponseHeaders(_ headers: ServerHeaderBlock, endStream: Bool) {
        guard loop.inEventLoop else {
            return loop.execute { [self] in sendResponseHeaders(headers, endStream: endStream) }
        }
        guard closeCode == nil, let session = connection.session else { return }
        if endStream { outboundFinished = true }
        var provider = HTTP2Callbacks.dataProvider
        let rc = HeaderBlock.withNameValues(headers) { nameValues, count in
            endStream
                ? nghttp2_submit_response(session, id, nameValues, count, nil)
                : nghttp2_submit_response(session, id, nameValues, count, &provider)
        }
        if rc != 0 { reset(code: UInt32(NGHTTP2_INTERNAL_ERROR.rawValue)) }
        connection.requestFlush()
    }

    /// The stream's handler returned: its task (which may go on to serve other streams) is no
    /// longer this stream's to cancel; if the handler never ended its response, resets the
    /// stream with INTERNAL_ERROR so the stream (and its memory) does not stay open forever.
    func handlerReturned() {
        guard loop.inEventLoop else { return loop.execute { [self] in handlerReturned() } }
        handlerTask = nil
        if !outboundFinished { reset(code: UInt32(NGHTTP2_INTERNAL_ERROR.rawValue)) }
    }

    /// Resets the stream (RST_STREAM) with an HTTP/2 error code, such as CANCEL.
    func reset(code: UInt32) {
        guard loop.inEventLoop else { return loop.execute { [self] in reset(code: code) } }
        guard closeCode == nil, let session = connection.session else { return }
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), id, code)
        connection.requestFlush()
    }

    private func resumeIfDeferred() {
        if deferred, let session = connection.session {
            deferred = false
            nghttp2_session_resume_data(session, id)
        }
        connection.requestFlush()
    }

    /// The data provider's read: copies buffered bytes into nghttp2's frame buffer.
    func readOutbound(into buffer: UnsafeMutablePointer<UInt8>, length: Int, flags: inout UInt32) -> Int {
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

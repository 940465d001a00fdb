import CNGHTTP2
import GRPCProtocol
import RPCCore

/// A server stream: the stream core and its request reader.
///
/// The request's ``ServerRequestStateMachine`` is fed on the loop, inside nghttp2's callbacks:
/// the head's fields as bytes, then DATA, deframed here (the one place request messages are
/// deframed) into messages queued for the handler's task (``events``, read by
/// ``HTTP2RequestStream``), then the client's end. The response goes out through the core's
/// outbound buffer and ``sendResponseHeaders(_:endStream:)``.
///
/// Loop thread only, but for the methods that say otherwise (see ``HTTP2Stream``).
final class HTTP2ServerStream: HTTP2Stream, @unchecked Sendable {
    // Safe because: as HTTP2Stream (loop-thread vars, unchecked exclusivity with no overlapping
    // access); `events` is itself Sendable.

    /// The request's state machine: the head's fields, then DATA and end, as they arrive.
    @exclusivity(unchecked) var request: ServerRequestStateMachine
    /// The request's events for the handler's task.
    let events = InboundQueue<ServerRequestEvent>()
    /// The task handling the stream: cancelled when the stream closes with an error (a client
    /// reset, a lost connection).
    @exclusivity(unchecked) var handlerTask: Task<Void, Never>?

    /// A stream for a request whose first HEADERS began; `reusingPath` is the `:path` of the
    /// connection's previous request (see ``ServerRequestStateMachine/init(reusingPath:)``).
    init(connection: HTTP2Connection, id: Int32, reusingPath: String?) {
        request = ServerRequestStateMachine(reusingPath: reusingPath)
        super.init(connection: connection)
        self.id = id
    }

    /// Checks the request's header block once it has ended; an accepted request's messages
    /// may then be up to `maxReceiveMessageSize` bytes, and its path is offered to the
    /// connection's next request (one string fewer per call when a client calls the same
    /// method again).
    func acceptRequestHead(
        compression: CompressionConfiguration, maxReceiveMessageSize: Int
    ) -> Result<ServerRequestHead, RequestRejection> {
        let result = request.endRequestHeaders(compression: compression, maxReceiveMessageSize: maxReceiveMessageSize)
        if case .success(let head) = result { connection.recentRequestPath = head.descriptor.fullPath }
        return result
    }

    // MARK: Inbound

    /// Request trailers (gRPC clients send none): their fields are ignored by the machine.
    override func receivedHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        request.receiveHeader(name: name, value: value)
    }

    /// Deframes a DATA payload into messages for the handler; each message's window returns
    /// when the handler takes it (``HTTP2Stream/windowForMessage(using:)``). DATA of a request
    /// that was refused or broke its framing is dropped.
    override func receivedData(_ bytes: UnsafeBufferPointer<UInt8>) {
        bookReceived(bytes.count)
        var rest = UnsafeRawBufferPointer(bytes)
        var returnNow = 0
        do throws(RPCError) {
            while !rest.isEmpty {
                let before = rest.count
                guard let received = try request.receiveData(&rest) else {
                    // The rest belongs to a message still incomplete (or is dropped).
                    rest = UnsafeRawBufferPointer(start: nil, count: 0)
                    returnNow += windowForPartialMessage(before)
                    break
                }
                let consumed = windowForMessage(using: before - rest.count)
                events.push(.message(received.message, compressed: received.compressed, consumed: consumed))
            }
        } catch {
            returnNow += rest.count + releaseHeldWindow()
            events.push(.malformed(error))
        }
        // Outside nghttp2's callback, which this runs in.
        if returnNow > 0 { loop.execute { [self, returnNow] in consume(returnNow) } }
    }

    /// The client ended its request: checks that no message was cut short.
    override func receivedEnd() {
        super.receivedEnd()
        do throws(RPCError) {
            try request.receiveEndOfStream()
        } catch {
            events.push(.malformed(error))
        }
        events.push(.end)
    }

    /// The handler's reads fail with the reason; a reset or lost connection cancels its task.
    override func ended(_ end: StreamEnd) {
        switch end {
        case .reset(let code):
            events.push(.reset(code))
            if code != 0 { handlerTask?.cancel() }
        case .connectionClosed(let reason):
            events.push(.connectionClosed(reason))
            handlerTask?.cancel()
        }
        handlerTask = nil
    }

    // MARK: Outbound

    /// Sends response headers (any thread); with `endStream`, the headers are the whole
    /// response (Trailers-Only), otherwise DATA and trailers follow from the outbound buffer.
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

    /// The stream's handler returned (any thread): its task (which may go on to serve other
    /// streams) is no longer this stream's to cancel; if the handler never ended its response,
    /// resets the stream with INTERNAL_ERROR so the stream (and its memory) does not stay open
    /// forever.
    func handlerReturned() {
        guard loop.inEventLoop else { return loop.execute { [self] in handlerReturned() } }
        handlerTask = nil
        if !outboundFinished { reset(code: UInt32(NGHTTP2_INTERNAL_ERROR.rawValue)) }
    }
}

/// What a server stream delivers to the handler's task, in order.
enum ServerRequestEvent: ReaderEvent {
    /// One request message, deframed as its DATA arrived; `consumed` is the flow-control
    /// window to return once the reader takes it.
    case message([UInt8], compressed: Bool, consumed: Int)
    /// The request's DATA broke the gRPC framing (oversized, bad prefix, cut short): the
    /// reader fails with this error; later DATA is dropped.
    case malformed(RPCError)
    /// The client ended its request (END_STREAM).
    case end
    /// The stream was reset (by either side) with this HTTP/2 error code.
    case reset(UInt32)
    /// The connection closed before the stream ended; the text says why.
    case connectionClosed(String)
    /// The handler's task was cancelled.
    case cancelled
}

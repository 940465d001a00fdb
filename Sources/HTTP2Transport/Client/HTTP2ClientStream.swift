import GRPCProtocol
import RPCCore

/// A client stream: the stream core and its response reader.
///
/// The response's ``ClientResponseStateMachine`` is fed on the loop, inside nghttp2's
/// callbacks: header fields as nghttp2's bytes, DATA (deframed here, the one place response
/// messages are deframed), the end, a reset or the loss of the connection. What it produces
/// goes to the caller in one of two modes (``Delivery``):
/// - ``Delivery/parts``: each part is queued for the task reading the call's response
///   (``events``, read by ``HTTP2ResponseStream``), a message's window returning when the
///   task takes it;
/// - ``Delivery/whole``: a unary exchange (Client/HTTP2ClientStream+Unary.swift); the parts
///   are assembled here and the waiting caller is resumed once, with the response or the
///   reason there is none.
///
/// Loop thread only, but for the methods that say otherwise (see ``HTTP2Stream``).
final class HTTP2ClientStream: HTTP2Stream, @unchecked Sendable {
    // Safe because: as HTTP2Stream (loop-thread vars, unchecked exclusivity with no overlapping
    // access); `events` is itself Sendable.

    /// How the response reaches the caller.
    enum Delivery {
        /// Part by part, through ``HTTP2ClientStream/events``.
        case parts
        /// Whole, to the caller of a unary exchange.
        case whole
    }

    let delivery: Delivery
    /// The response's state machine.
    @exclusivity(unchecked) private var machine: ClientResponseStateMachine
    /// The response's parts for the reading task (``Delivery/parts``).
    let events = InboundQueue<ClientResponseEvent>()
    /// The unary exchange's response so far (``Delivery/whole``).
    @exclusivity(unchecked) var assembler = UnaryResponseAssembler()
    /// The unary exchange's caller (``Delivery/whole``).
    @exclusivity(unchecked) var caller = UnaryCaller.notStarted

    /// A stream whose response messages may be up to `maxReceiveMessageSize` bytes.
    init(connection: HTTP2Connection, delivery: Delivery, maxReceiveMessageSize: Int) {
        self.delivery = delivery
        machine = ClientResponseStateMachine(maxReceiveMessageSize: maxReceiveMessageSize)
        super.init(connection: connection)
    }

    // MARK: Inbound

    /// One field of the response's headers or trailers, read from nghttp2's bytes.
    override func receivedHeader(name: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer) {
        machine.receiveHeader(name: name, value: value)
    }

    /// The response's headers or trailers ended: the machine makes them a part (or a failure).
    override func receivedHeaderBlockEnd(endStream: Bool) {
        if endStream { super.receivedEnd() }
        deliver(machine.endHeaders(endStream: endStream))
    }

    /// Deframes a DATA payload. A part-by-part response's message returns its window when the
    /// task takes it (``HTTP2Stream/windowForMessage(using:)``); a whole response's DATA
    /// returns it at once (nghttp2 only books it here, inside its callback; a WINDOW_UPDATE
    /// goes out once half the window is used), the response being complete or the stream
    /// reset by the time its window could matter.
    override func receivedData(_ bytes: UnsafeBufferPointer<UInt8>) {
        bookReceived(bytes.count)
        var chunk = UnsafeRawBufferPointer(bytes)
        guard delivery == .parts else {
            while case .waiting = caller {
                let action = machine.receiveData(&chunk)
                if action == .none { break }
                collect(action)
            }
            if case .waiting = caller, bytes.count > 0 { consume(bytes.count) }
            return
        }
        var returnNow = 0
        while true {
            let before = chunk.count
            let action = machine.receiveData(&chunk)
            if action == .none {
                returnNow += windowForPartialMessage(before)
                break
            }
            let window = if case .part(.message) = action { windowForMessage(using: before - chunk.count) } else { 0 }
            deliver(action, window: window)
        }
        // Outside nghttp2's callback, which this runs in.
        if returnNow > 0 { loop.execute { [self, returnNow] in consume(returnNow) } }
    }

    /// The server ended the stream without trailers.
    override func receivedEnd() {
        super.receivedEnd()
        deliver(machine.receiveEndOfStream())
    }

    /// The stream was reset or its connection lost before the response ended: the status the
    /// machine makes of it (or a refusal, when the server refused the stream unprocessed).
    override func ended(_ end: StreamEnd) {
        switch end {
        case .reset(let code): deliver(machine.receiveReset(HTTP2ErrorCode(rawValue: code)))
        case .connectionClosed(let reason): deliver(machine.receiveConnectionClosed(reason))
        }
    }

    /// Hands the state machine's action to the caller as the mode says (`window`: the
    /// flow-control window a message returns when the task takes it). A protocol violation
    /// resets the stream at once.
    private func deliver(_ action: ClientResponseAction, window: Int = 0) {
        guard delivery == .parts else { return collect(action) }
        switch action {
        case .none:
            return
        case .part(.metadata(let metadata)):
            events.push(.metadata(metadata))
        case .part(.message(let message)):
            events.push(.message(message, compressed: machine.lastMessageWasCompressed, consumed: window))
        case .part(.status(let status, let trailers)):
            events.push(.status(status, trailers))
        case .fail(let status, let code):
            reset(code: code.rawValue)
            events.push(.status(status, Metadata()))
        case .refused(let status):
            events.push(.refused(status))
        }
    }
}

/// What a client stream delivers to the task reading its response part by part, in order,
/// ending with one status or refusal (unless the task is cancelled first).
enum ClientResponseEvent: ReaderEvent {
    /// The response headers' metadata.
    case metadata(Metadata)
    /// One response message, deframed as its DATA arrived; `consumed` is the flow-control
    /// window to return once the reader takes it.
    case message([UInt8], compressed: Bool, consumed: Int)
    /// The status: the server's, or one made from a reset, a lost connection or a protocol
    /// violation.
    case status(Status, Metadata)
    /// The server refused the stream before any response header (REFUSED_STREAM, or a GOAWAY
    /// that left it unprocessed): the call may be made again (``RPCError/unprocessed``).
    case refused(Status)
    /// The reading task was cancelled.
    case cancelled
}

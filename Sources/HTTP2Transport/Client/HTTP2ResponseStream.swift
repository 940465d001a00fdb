import GRPCProtocol
import RPCCore

/// The response parts of one client stream, always ending with exactly one status: the
/// server's, or one made from a reset stream, GOAWAY, a lost connection or a protocol violation.
public struct HTTP2ResponseStream: AsyncSequence, Sendable {
    /// Each element is one response part.
    public typealias Element = ResponsePart
    /// Iteration fails when the reading task is cancelled, and when the server refused the
    /// stream unprocessed (``RPCError/unprocessed``).
    public typealias Failure = RPCError

    let call: ClientCall
    let maxReceiveMessageSize: Int
    /// Told whether each message arrived compressed, when the caller asked to know.
    let compression: CallCompression?

    /// Starts reading; iterate once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(
            call: call, machine: ClientResponseStateMachine(maxReceiveMessageSize: maxReceiveMessageSize),
            compression: compression)
    }

    /// Reads the parts of one response stream.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// Iteration fails as ``HTTP2ResponseStream/Failure`` says.
        public typealias Failure = RPCError

        let call: ClientCall
        var machine: ClientResponseStateMachine
        var stream: HTTP2StreamChannel?
        var chunk = DataChunk()
        var finished = false
        let compression: CallCompression?

        init(call: ClientCall, machine: ClientResponseStateMachine, compression: CallCompression?) {
            self.call = call
            self.machine = machine
            self.compression = compression
        }

        /// The next part; nil after the status.
        ///
        /// - Throws: ``RPCError``: CANCELLED when the task is cancelled; the reason the stream
        ///   could not be opened; UNAVAILABLE marked ``RPCError/unprocessed`` when the server
        ///   refused the stream before answering it.
        public nonisolated(nonsending) mutating func next() async throws(RPCError) -> ResponsePart? {
            try await next(isolation: nil)
        }

        /// The next part, as ``next()``. The work is here rather than in `next()` so that
        /// iterating through the protocol (which calls this) costs no extra await, and parts
        /// that arrived together (headers, message, trailers) cost none after the first.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError) -> ResponsePart? {
            guard !finished else { return nil }
            let stream = try await openedStream()
            while true {
                if let part = try nextReceivedPart(stream) { return part }
                if let part = try take(await stream.inbound.next(), stream) { return part }
            }
        }

        /// The stream, waiting for it only when the request side has not opened it yet.
        private nonisolated(nonsending) mutating func openedStream() async throws(RPCError) -> HTTP2StreamChannel {
            if let stream { return stream }
            // The request side opened it already (always so for unary and server-streaming
            // calls): no suspension to wait for it.
            let opened = if let opened = call.openedStream { opened } else { try await call.stream() }
            stream = opened
            return opened
        }

        /// The next part made from what has arrived, without waiting; nil when more must arrive.
        private mutating func nextReceivedPart(_ stream: HTTP2StreamChannel) throws(RPCError) -> ResponsePart? {
            while true {
                if !chunk.isEmpty, let part = try take(chunk.consume { machine.receiveData(&$0) }, stream) {
                    return part
                }
                guard let event = stream.inbound.poll() else { return nil }
                if let part = try take(event, stream) { return part }
            }
        }

        /// Feeds one stream event to the response state machine; the part it completes, if any.
        private mutating func take(_ event: HTTP2StreamEvent, _ stream: HTTP2StreamChannel) throws(RPCError)
            -> ResponsePart?
        {
            let action: ClientResponseAction
            switch event {
            case .headers(let block, let endStream):
                for field in block { machine.receiveHeader(name: field.name, value: field.value) }
                action = machine.endHeaders(endStream: endStream)
            case .data(let bytes):
                stream.consume(bytes.count)
                chunk = DataChunk(bytes)
                return chunk.isEmpty ? nil : try take(chunk.consume { machine.receiveData(&$0) }, stream)
            case .end:
                action = machine.receiveEndOfStream()
            case .message, .malformed:
                return nil // server streams only
            case .reset(let code):
                action = machine.receiveReset(HTTP2ErrorCode(rawValue: code))
            case .connectionClosed(let reason):
                action = machine.receiveConnectionClosed(reason)
            case .cancelled:
                finished = true
                throw RPCError(code: .cancelled, message: "the calling task was cancelled")
            }
            return try take(action, stream)
        }

        private mutating func take(_ action: ClientResponseAction, _ stream: HTTP2StreamChannel) throws(RPCError)
            -> ResponsePart?
        {
            switch action {
            case .none:
                return nil
            case .part(let part):
                switch part {
                case .status: finished = true
                case .message: compression?.lastReceivedMessageWasCompressed = machine.lastMessageWasCompressed
                case .metadata: break
                }
                return part
            case .fail(let status, let reset):
                finished = true
                stream.reset(code: reset.rawValue)
                return .status(status, Metadata())
            case .refused(let status):
                finished = true
                var error = RPCError(code: status.code, message: status.message)
                error.unprocessed = true
                throw error
            }
        }
    }
}

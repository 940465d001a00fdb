import GRPCProtocol
import RPCCore

/// The response parts of one client stream, always ending with exactly one status: the
/// server's, or one made from a reset stream, GOAWAY, a lost connection or a protocol violation.
///
/// The parts are made on the connection's loop by the stream's response reader
/// (``HTTP2ClientStream``, part by part); this reads them in the calling task.
public struct HTTP2ResponseStream: AsyncSequence, Sendable {
    /// Each element is one response part.
    public typealias Element = ResponsePart
    /// Iteration fails when the reading task is cancelled, and when the server refused the
    /// stream unprocessed (``RPCError/unprocessed``).
    public typealias Failure = RPCError

    let call: ClientCall
    /// Told whether each message arrived compressed, when the caller asked to know.
    let compression: CallCompression?

    /// Starts reading; iterate once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(call: call, compression: compression)
    }

    /// Reads the parts of one response stream.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// Iteration fails as ``HTTP2ResponseStream/Failure`` says.
        public typealias Failure = RPCError

        let call: ClientCall
        var stream: HTTP2ClientStream?
        var finished = false
        let compression: CallCompression?

        init(call: ClientCall, compression: CallCompression?) {
            self.call = call
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
            let event: ClientResponseEvent
            if let ready = stream.events.poll() {
                event = ready
            } else {
                event = await stream.events.next()
            }
            switch event {
            case .metadata(let metadata):
                return .metadata(metadata)
            case .message(let bytes, let compressed, let consumed):
                stream.messageTaken(consumed: consumed)
                compression?.lastReceivedMessageWasCompressed = compressed
                return .message(bytes)
            case .status(let status, let trailers):
                finished = true
                return .status(status, trailers)
            case .refused(let status):
                finished = true
                var error = RPCError(code: status.code, message: status.message)
                error.unprocessed = true
                throw error
            case .cancelled:
                finished = true
                throw RPCError(code: .cancelled, message: "the calling task was cancelled")
            }
        }

        /// The stream, waiting for it only when the request side has not opened it yet.
        private nonisolated(nonsending) mutating func openedStream() async throws(RPCError) -> HTTP2ClientStream {
            if let stream { return stream }
            // The request side opened it already (always so for unary and server-streaming
            // calls): no suspension to wait for it.
            let opened = if let opened = call.openedStream { opened } else { try await call.stream() }
            stream = opened
            return opened
        }
    }
}

import GRPCProtocol
import RPCCore

/// The request parts of one server stream: the request metadata, then each message as the
/// handler asks for it.
///
/// Messages are deframed (and inflated when compressed) as their DATA arrives; each one's
/// flow-control window returns to the client only when the handler takes it, so a handler
/// that reads slowly slows the client. The call's ``CallCompression`` learns whether the
/// message handed over arrived compressed.
public struct HTTP2RequestStream: UnaryRequestReading {
    /// Each element is one request part.
    public typealias Element = RequestPart
    /// Iteration fails with the reason the stream broke.
    public typealias Failure = RPCError

    let stream: HTTP2ServerStream
    let metadata: Metadata
    let compression: CallCompression

    /// Starts reading; iterate once.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream, metadata: metadata, compression: compression)
    }

    /// Reads the request whole, taking events already received without an await: for a
    /// unary call, the message and the end usually are.
    @usableFromInline
    package nonisolated(nonsending) func readWholeUnaryRequest() async throws(RPCError) -> (
        metadata: Metadata, message: [UInt8]
    ) {
        var reader = makeAsyncIterator()
        var message: [UInt8]?
        while !reader.finished {
            let event: ServerRequestEvent
            if let ready = stream.events.poll() {
                event = ready
            } else {
                event = await stream.events.next()
            }
            if let bytes = try reader.take(event) {
                guard message == nil else { throw RPCError.requestWithExtraMessage }
                message = bytes
            }
        }
        guard let message else { throw RPCError.requestWithoutMessage }
        return (metadata, message)
    }

    /// Reads the parts of one request stream.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// Iteration fails with the reason the stream broke.
        public typealias Failure = RPCError

        let stream: HTTP2ServerStream
        var metadata: Metadata?
        var finished = false
        let compression: CallCompression
        var reportedCompressed = false

        init(stream: HTTP2ServerStream, metadata: Metadata, compression: CallCompression) {
            self.stream = stream
            self.metadata = metadata
            self.compression = compression
        }

        /// The next part; nil after the client's end of stream.
        ///
        /// - Throws: ``RPCError``: CANCELLED when the client reset the stream or the task was
        ///   cancelled, UNAVAILABLE when the connection closed, INTERNAL or RESOURCE_EXHAUSTED
        ///   for a malformed or oversized message.
        public nonisolated(nonsending) mutating func next() async throws(RPCError) -> RequestPart? {
            try await next(isolation: nil)
        }

        /// The next part, as ``next()``. The work is here rather than in `next()` so that
        /// iterating through the protocol (which calls this) costs no extra await, and a part
        /// already received costs none at all.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError) -> RequestPart? {
            if let metadata {
                self.metadata = nil
                return .metadata(metadata)
            }
            while !finished {
                // Usually the request has arrived by the time the handler asks: no suspension.
                let event: ServerRequestEvent
                if let ready = stream.events.poll() {
                    event = ready
                } else {
                    event = await stream.events.next()
                }
                if let message = try take(event) { return .message(message) }
            }
            return nil
        }

        /// Takes one stream event: a message to hand over, nil for events that end or skip.
        fileprivate mutating func take(_ event: ServerRequestEvent) throws(RPCError) -> [UInt8]? {
            switch event {
            case .message(let bytes, let compressed, let consumed):
                stream.messageTaken(consumed: consumed)
                // Told only on a change, so uncompressed calls never take its lock.
                if compressed != reportedCompressed {
                    reportedCompressed = compressed
                    compression.lastReceivedMessageWasCompressed = compressed
                }
                return bytes
            case .end:
                finished = true
            case .malformed(let error):
                finished = true
                throw error
            case .reset(let code):
                finished = true
                throw Self.resetError(code)
            case .connectionClosed(let reason):
                finished = true
                throw RPCError(code: .unavailable, message: reason)
            case .cancelled:
                finished = true
                throw RPCError(code: .cancelled, message: "the handler's task was cancelled")
            }
            return nil
        }

        @inline(never)
        private static func resetError(_ code: UInt32) -> RPCError {
            let name = HTTP2ErrorCode(rawValue: code).name
            return RPCError(code: .cancelled, message: "the client reset the stream with HTTP/2 error \(name)")
        }
    }
}

import RPCCore

/// The response parts of an in-process stream, as the client reads them.
///
/// Ends with exactly one status: the server's, or RESOURCE_EXHAUSTED (after resetting the
/// stream) for a message over the client's receive limit.
public struct InProcessResponseParts: AsyncSequence, Sendable {
    /// Iteration fails only with ``RPCError``.
    public typealias Failure = RPCError

    let stream: InProcessStream
    let maxMessageSize: Int

    /// The iterator.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        let stream: InProcessStream
        let maxMessageSize: Int
        var done = false

        /// The next response part, or `nil` after the status.
        public mutating func next() async throws(RPCError) -> ResponsePart? {
            guard !done else { return nil }
            let part = try await stream.responses.receive()
            switch part {
            case .message(let bytes) where bytes.count > maxMessageSize:
                done = true
                let status = Status(
                    code: .resourceExhausted,
                    message: "received message of \(bytes.count) bytes exceeds the limit of \(maxMessageSize) bytes")
                stream.reset(RPCError(status: status)!)
                stream.markStatusDelivered()
                return .status(status, Metadata())
            case .status:
                done = true
                stream.markStatusDelivered()
            case nil:
                done = true
                throw RPCError(code: .internal, message: "the in-process response ended without a status")
            default:
                break
            }
            return part
        }

        /// The next response part, or `nil` after the status.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError) -> ResponsePart? {
            try await next()
        }
    }

    /// Makes the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream, maxMessageSize: maxMessageSize)
    }
}

/// The request parts of an in-process stream, as the server reads them.
public struct InProcessRequestParts: AsyncSequence, Sendable {
    /// Iteration fails only with ``RPCError``.
    public typealias Failure = RPCError

    let stream: InProcessStream
    let maxMessageSize: Int

    /// The iterator.
    public struct AsyncIterator: AsyncIteratorProtocol, Sendable {
        let stream: InProcessStream
        let maxMessageSize: Int

        /// The next request part, or `nil` at the client's end of stream.
        ///
        /// - Throws: CANCELLED when the client reset the stream; RESOURCE_EXHAUSTED for a
        ///   message over the server's receive limit.
        public mutating func next() async throws(RPCError) -> RequestPart? {
            let part = try await stream.requests.receive()
            if case .message(let bytes) = part, bytes.count > maxMessageSize {
                throw RPCError(
                    code: .resourceExhausted,
                    message: "received message of \(bytes.count) bytes exceeds the limit of \(maxMessageSize) bytes")
            }
            return part
        }

        /// The next request part, or `nil` at the client's end of stream.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(RPCError) -> RequestPart? {
            try await next()
        }
    }

    /// Makes the iterator.
    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(stream: stream, maxMessageSize: maxMessageSize)
    }
}

/// Writes request parts of an in-process stream, suspending while the buffer is full.
public struct InProcessRequestWriter: ClosableRPCPartWriter {
    let stream: InProcessStream

    /// Queues one request part.
    ///
    /// - Throws: ``RPCError`` when the stream was reset or the task cancelled.
    public func write(_ part: RequestPart) async throws(RPCError) {
        try await stream.requests.send(part)
    }

    /// Ends the request stream.
    public func finish() async {
        stream.requests.finish()
    }
}

/// Writes response parts of an in-process stream; a status ends it.
public struct InProcessResponseWriter: RPCPartWriter {
    let stream: InProcessStream

    /// Queues one response part, suspending while the buffer is full.
    ///
    /// - Throws: ``RPCError`` when the stream was reset, already ended, or the task cancelled.
    public func write(_ part: ResponsePart) async throws(RPCError) {
        try await stream.responses.send(part)
        if case .status = part { stream.responses.finish() }
    }
}

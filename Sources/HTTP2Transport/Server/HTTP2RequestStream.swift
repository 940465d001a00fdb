import GRPCProtocol
import RPCCore

/// The request parts of one server stream: the request metadata, then each message as the
/// handler asks for it.
///
/// DATA is taken from the stream (and its flow-control window returned to the client) only
/// when the handler asks for the next message, so a handler that reads slowly slows the client.
/// Compressed messages are inflated then, and the call's ``CallCompression`` learns whether
/// the message handed over arrived compressed.
public struct HTTP2RequestStream: AsyncSequence, Sendable {
    /// Each element is one request part.
    public typealias Element = RequestPart
    /// Iteration fails with the reason the stream broke.
    public typealias Failure = RPCError

    let stream: HTTP2StreamChannel
    let metadata: Metadata
    let maxMessageSize: Int
    let encoding: CompressionAlgorithm
    let compression: CallCompression

    /// Starts reading; iterate once.
    public func makeAsyncIterator() -> AsyncIterator {
        var deframer = MessageDeframer(maxMessageSize: maxMessageSize)
        if encoding != .identity { deframer.setEncoding(encoding.name) }
        return AsyncIterator(stream: stream, metadata: metadata, deframer: deframer, compression: compression)
    }

    /// Reads the parts of one request stream.
    public struct AsyncIterator: AsyncIteratorProtocol {
        /// Iteration fails with the reason the stream broke.
        public typealias Failure = RPCError

        let stream: HTTP2StreamChannel
        var metadata: Metadata?
        var deframer: MessageDeframer
        var chunk = DataChunk()
        var finished = false
        let compression: CallCompression
        var reportedCompressed = false

        init(stream: HTTP2StreamChannel, metadata: Metadata, deframer: MessageDeframer, compression: CallCompression) {
            self.stream = stream
            self.metadata = metadata
            self.deframer = deframer
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
                if let message = try chunk.nextMessage(&deframer) {
                    // Told only on a change, so uncompressed calls never take its lock.
                    if deframer.lastMessageWasCompressed != reportedCompressed {
                        reportedCompressed.toggle()
                        compression.lastReceivedMessageWasCompressed = reportedCompressed
                    }
                    return .message(message)
                }
                // Usually the request has arrived by the time the handler asks: no suspension.
                if let ready = stream.inbound.poll() {
                    try take(ready)
                } else {
                    try take(await stream.inbound.next())
                }
            }
            return nil
        }

        /// Feeds one stream event into the iterator's state.
        private mutating func take(_ event: HTTP2StreamEvent) throws(RPCError) {
            switch event {
            case .data(let bytes):
                stream.consume(bytes.count)
                chunk = DataChunk(bytes)
            case .end:
                finished = true
                try deframer.checkEndOfStream()
            case .headers:
                break
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
        }

        @inline(never)
        private static func resetError(_ code: UInt32) -> RPCError {
            let name = HTTP2ErrorCode(rawValue: code).name
            return RPCError(code: .cancelled, message: "the client reset the stream with HTTP/2 error \(name)")
        }
    }
}

/// The unread rest of one DATA payload.
struct DataChunk {
    private var bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8] = []) {
        self.bytes = bytes
    }

    /// Feeds the rest to `deframer` until it completes a message (returned) or the chunk ends.
    mutating func nextMessage(_ deframer: inout MessageDeframer) throws(RPCError) -> [UInt8]? {
        guard !isEmpty else { return nil }
        let result = consume { rest -> Result<[UInt8]?, RPCError> in
            do throws(RPCError) {
                return .success(try deframer.nextMessage(from: &rest))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Passes the unread bytes to `body` and records how many it consumed.
    mutating func consume<T>(_ body: (inout UnsafeRawBufferPointer) -> T) -> T {
        let start = offset
        return bytes.withUnsafeBytes { buffer in
            var rest = UnsafeRawBufferPointer(rebasing: buffer[min(start, buffer.count)...])
            defer { offset = buffer.count - rest.count }
            return body(&rest)
        }
    }

    /// Whether every byte has been read.
    var isEmpty: Bool { offset >= bytes.count }
}

import Logging
import ProtoCodec

/// One call on the server: reads the request parts, runs the user handler, writes the
/// response headers and messages, and works out the final status. The server writes that
/// status itself, after the deadline race.
@usableFromInline
struct ServerCall<Inbound, Outbound>: Sendable
where Inbound: AsyncSequence<RequestPart, RPCError> & Sendable, Outbound: RPCPartWriter<ResponsePart> {
    @usableFromInline let stream: RPCStream<Inbound, Outbound>
    @usableFromInline let logger: Logger

    @usableFromInline
    init(stream: RPCStream<Inbound, Outbound>, logger: Logger) {
        self.stream = stream
        self.logger = logger
    }

    /// Runs a unary handler without the streaming machinery: one read, one write.
    ///
    /// Each step is its own function so this frame holds little across the handler's await.
    @inlinable
    nonisolated(nonsending) func runUnary<Request: Message, Response: Message>(
        _ context: ServerContext,
        _ handler: @Sendable (ServerRequest<Request>, ServerContext) async throws -> ServerResponse<Response>
    ) async -> (Status, Metadata) {
        do {
            let request: ServerRequest<Request> = try await readUnaryRequest()
            let response = try await handler(request, context)
            try await writeUnaryResponse(response)
            return (.ok, response.trailingMetadata)
        } catch {
            return finalStatus(for: error)
        }
    }

    /// Reads a unary request: the metadata, exactly one message, the end of the stream.
    @inlinable
    nonisolated(nonsending) func readUnaryRequest<Request: Message>() async throws(RPCError) -> ServerRequest<Request> {
        let (metadata, bytes) = try await stream.inbound.readUnaryRequest()
        return ServerRequest(metadata: metadata, message: try decode(Request.self, from: bytes))
    }

    /// Writes a unary response's headers and message.
    @inlinable
    nonisolated(nonsending) func writeUnaryResponse<Response: Message>(_ response: ServerResponse<Response>)
        async throws(RPCError)
    {
        // No await (and none of its cost) when the transport takes the parts at once.
        let outbound = stream.outbound
        let metadata = ResponsePart.metadata(response.metadata)
        if try !outbound.writeIfNoWaitNeeded(metadata) { try await outbound.write(metadata) }
        let message = ResponsePart.message(response.message.serializedBytes())
        if try !outbound.writeIfNoWaitNeeded(message) { try await outbound.write(message) }
    }

    /// Runs a handler in the streaming shape every other kind of method is adapted to
    /// (inlinable, so that reading each request message is specialised for the transport).
    @inlinable
    nonisolated(nonsending) func runStreaming<Request: Message, Response: Message>(
        _ context: ServerContext,
        _ handler:
            @Sendable (StreamingServerRequest<Request>, ServerContext) async throws -> StreamingServerResponse<Response>
    ) async -> (Status, Metadata) {
        do {
            var parts = stream.inbound.makeAsyncIterator()
            let metadata = try await Self.readMetadata(&parts)
            let box = IteratorBox(parts)
            let messages = RPCAsyncSequence<Request> {
                { () async throws(RPCError) -> Request? in try await Self.readMessage(&box.iterator) }
            }
            let response = try await handler(StreamingServerRequest(metadata: metadata, messages: messages), context)
            try await stream.outbound.write(.metadata(response.metadata))
            let outbound = stream.outbound
            let logger = logger
            let writer = RPCWriter<Response> { message throws(RPCError) in
                // Logging out of line: this closure's frame lives as long as each write waits.
                Self.traceResponseMessage(message, logger)
                try await outbound.write(.message(message.serializedBytes()))
            }
            let trailers = try await response.producer(writer)
            return (.ok, trailers)
        } catch {
            return finalStatus(for: error)
        }
    }

    /// Logs (at trace level) a response message a streaming handler writes.
    @usableFromInline
    static func traceResponseMessage<Response: Message>(_ message: Response, _ logger: Logger) {
        logger.trace("response message", metadata: ["rpc.bytes": "\(message.encodedSize())"])
    }

    /// The status for an error that ended a handler: an ``RPCError``'s own status and
    /// metadata, CANCELLED for cancellation, UNKNOWN (without the error's text) otherwise.
    @usableFromInline
    func finalStatus(for error: any Error) -> (Status, Metadata) {
        switch error {
        case let error as RPCError:
            return (error.status, error.metadata)
        case is CancellationError:
            return (Status(code: .cancelled, message: "the call was cancelled"), Metadata())
        default:
            logger.debug("handler threw a non-RPC error; the client sees UNKNOWN", metadata: ["rpc.error": "\(error)"])
            return (Status(code: .unknown, message: "the server failed to handle the call"), Metadata())
        }
    }

    /// Reads the first request part, the metadata.
    @inlinable
    nonisolated(nonsending) static func readMetadata(_ parts: inout Inbound.AsyncIterator) async throws(RPCError)
        -> Metadata
    {
        try RequestPart.metadata(first: try await parts.next(isolation: #isolation))
    }

    /// Reads the next request message, `nil` at the client's end of stream.
    @inlinable
    nonisolated(nonsending) static func readMessage<Request: Message>(_ parts: inout Inbound.AsyncIterator)
        async throws(RPCError) -> Request?
    {
        guard let bytes = try RequestPart.message(next: try await parts.next(isolation: #isolation)) else { return nil }
        return try decode(Request.self, from: bytes)
    }

    /// Exactly one message of a sequence.
    ///
    /// - Throws: INTERNAL when there is none or more than one, or the sequence's error.
    @inlinable
    nonisolated(nonsending) static func single<Request: Sendable>(_ messages: RPCAsyncSequence<Request>)
        async throws(RPCError) -> Request
    {
        var iterator = messages.makeAsyncIterator()
        guard let message = try await iterator.next(isolation: #isolation) else { throw RPCError.requestWithoutMessage }
        guard try await iterator.next(isolation: #isolation) == nil else { throw RPCError.requestWithExtraMessage }
        return message
    }
}

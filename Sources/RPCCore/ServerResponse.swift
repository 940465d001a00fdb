/// What a unary or client-streaming handler returns on success. To fail, a handler throws
/// ``RPCError`` (any other error reaches the client as UNKNOWN).
public struct ServerResponse<Message: Sendable>: Sendable {
    /// Custom metadata for the response headers.
    public var metadata: Metadata
    /// The response message.
    public var message: Message
    /// Custom metadata for the trailers.
    public var trailingMetadata: Metadata

    /// Creates a response.
    public init(message: Message, metadata: Metadata = Metadata(), trailingMetadata: Metadata = Metadata()) {
        self.message = message
        self.metadata = metadata
        self.trailingMetadata = trailingMetadata
    }
}

/// What a server-streaming or bidirectional handler returns: the response headers at once,
/// then a producer writing the messages.
public struct StreamingServerResponse<Message: Sendable>: Sendable {
    /// Custom metadata for the response headers, sent before the producer runs.
    public var metadata: Metadata
    /// Writes the response messages and returns the trailers' custom metadata; the call
    /// ends with OK when it returns, or with the status of the ``RPCError`` it throws
    /// (UNKNOWN for other errors).
    public var producer: @Sendable (RPCWriter<Message>) async throws -> Metadata

    /// Creates a response.
    public init(
        metadata: Metadata = Metadata(), producer: @escaping @Sendable (RPCWriter<Message>) async throws -> Metadata
    ) {
        self.metadata = metadata
        self.producer = producer
    }
}

extension StreamingServerResponse {
    /// The streaming shape of a single-message response.
    @usableFromInline
    init(single response: ServerResponse<Message>) {
        self.init(metadata: response.metadata) { writer in
            try await writer.write(response.message)
            return response.trailingMetadata
        }
    }
}

/// A request with a single message: for unary and server-streaming calls.
public struct ClientRequest<Message: Sendable>: Sendable {
    /// Custom metadata sent as request headers.
    public var metadata: Metadata
    /// The request message.
    public var message: Message

    /// Creates a request.
    public init(message: Message, metadata: Metadata = Metadata()) {
        self.message = message
        self.metadata = metadata
    }
}

/// A request whose messages a producer writes: for client-streaming and bidirectional calls.
public struct StreamingClientRequest<Message: Sendable>: Sendable {
    /// Custom metadata sent as request headers.
    public var metadata: Metadata
    /// Writes the request messages; the request stream ends when it returns. If it throws,
    /// the call is cancelled and fails with its ``RPCError`` (other errors become UNKNOWN).
    public var producer: @Sendable (RPCWriter<Message>) async throws -> Void

    /// Creates a request.
    public init(
        metadata: Metadata = Metadata(), producer: @escaping @Sendable (RPCWriter<Message>) async throws -> Void
    ) {
        self.metadata = metadata
        self.producer = producer
    }

    /// A request writing the given messages.
    public init(messages: [Message], metadata: Metadata = Metadata()) {
        self.init(metadata: metadata) { writer in try await writer.write(contentsOf: messages) }
    }
}

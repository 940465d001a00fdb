/// The request a unary or server-streaming handler receives.
public struct ServerRequest<Message: Sendable>: Sendable {
    /// The custom metadata of the request headers.
    public var metadata: Metadata
    /// The request message.
    public var message: Message

    /// Creates a request.
    public init(metadata: Metadata, message: Message) {
        self.metadata = metadata
        self.message = message
    }
}

/// The request a client-streaming or bidirectional handler receives.
public struct StreamingServerRequest<Message: Sendable>: Sendable {
    /// The custom metadata of the request headers.
    public var metadata: Metadata
    /// The request messages; iteration ends at the client's end of stream and throws
    /// ``RPCError`` when the stream breaks (CANCELLED), a message exceeds the limit
    /// (RESOURCE_EXHAUSTED) or does not decode (INTERNAL).
    public var messages: RPCAsyncSequence<Message>

    /// Creates a request.
    public init(metadata: Metadata, messages: RPCAsyncSequence<Message>) {
        self.metadata = metadata
        self.messages = messages
    }
}

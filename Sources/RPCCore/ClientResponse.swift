import Synchronization

/// The successful result of a unary or client-streaming call.
public struct ClientResponse<Message: Sendable>: Sendable {
    /// The custom metadata of the response headers.
    public var metadata: Metadata
    /// The response message.
    public var message: Message
    /// The custom metadata of the trailers.
    public var trailingMetadata: Metadata

    /// Creates a response.
    public init(metadata: Metadata, message: Message, trailingMetadata: Metadata) {
        self.metadata = metadata
        self.message = message
        self.trailingMetadata = trailingMetadata
    }
}

/// The response of a server-streaming or bidirectional call, handed to the caller's
/// response handler once the response headers have arrived.
public struct StreamingClientResponse<Message: Sendable>: Sendable {
    /// The custom metadata of the response headers.
    public var metadata: Metadata
    /// The response messages. Iteration ends when the server ends the call with OK, and
    /// throws the call's ``RPCError`` when it ends otherwise.
    public var messages: RPCAsyncSequence<Message>
    @usableFromInline let trailers: TrailersBox

    @usableFromInline
    init(metadata: Metadata, messages: RPCAsyncSequence<Message>, trailers: TrailersBox) {
        self.metadata = metadata
        self.messages = messages
        self.trailers = trailers
    }

    /// The custom metadata of the trailers, once ``messages`` has been iterated to its end
    /// (empty before).
    public var trailingMetadata: Metadata { trailers.metadata }
}

/// Where the response reader leaves the trailers of a streaming response.
@usableFromInline
final class TrailersBox: Sendable {
    private let storage = Mutex(Metadata())

    @usableFromInline
    init() {}

    @usableFromInline
    var metadata: Metadata {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}

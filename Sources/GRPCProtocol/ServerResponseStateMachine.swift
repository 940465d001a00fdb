import RPCCore

/// The server's view of one response: the parts the handler writes, in order, and the frame
/// each becomes (a status before any headers becomes Trailers-Only). The request side is
/// ``ServerRequestStateMachine``.
public struct ServerResponseStateMachine: Sendable {
    private enum Outbound: Sendable {
        case idle
        case headersSent
        case closed
    }

    private var outbound = Outbound.idle
    private let compression: CompressionConfiguration
    private var clientAcceptedEncodings = AcceptedEncodings()

    /// The encoding of the response messages, fixed when the response headers are sent:
    /// `identity` until then.
    public private(set) var responseEncoding = CompressionAlgorithm.identity

    /// Creates a state machine for a response in the encodings `compression` enables, to the
    /// request `head` (whose `grpc-accept-encoding` says what the client can inflate).
    public init(head: ServerRequestHead, compression: CompressionConfiguration = CompressionConfiguration()) {
        self.compression = compression
        clientAcceptedEncodings = head.acceptedEncodings
    }

    /// Whether the server's `grpc-accept-encoding` is ``ServerHeaderBlock/everyEncoding``
    /// (checked without building it).
    private var enablesEveryEncoding: Bool {
        var others = compression.enabledAlgorithms.lazy.filter { $0 != .identity }.makeIterator()
        return others.next() == .gzip && others.next() == .deflate && others.next() == nil
    }

    /// What to send for one response part the handler wrote.
    public enum Send: Sendable, Hashable {
        /// Send a HEADERS frame with this block (the response headers).
        case headers(ServerHeaderBlock)
        /// Send the message as DATA, framed by ``MessageFramer``.
        case message
        /// Send a HEADERS frame with this block and END_STREAM (trailers, or a whole
        /// Trailers-Only response when it ``ServerHeaderBlock/beginsResponse``); the stream is over.
        case endOfStream(ServerHeaderBlock)
    }

    /// The frame to send for `part`. For the response headers, `requestedEncoding` (what the
    /// handler asked for) becomes ``responseEncoding`` when the server enables it and the
    /// client's `grpc-accept-encoding` lists it; otherwise responses go uncompressed.
    ///
    /// - Throws: ``RPCError`` with INTERNAL for parts out of order: metadata twice, a message
    ///   before metadata, anything after the status.
    public mutating func send(_ part: ResponsePart, requestedEncoding: CompressionAlgorithm = .identity)
        throws(RPCError) -> Send
    {
        switch (outbound, part) {
        case (.idle, .metadata(let metadata)):
            outbound = .headersSent
            guard requestedEncoding != .identity, compression.accepts(requestedEncoding),
                clientAcceptedEncodings.contains(requestedEncoding)
            else {
                return .headers(
                    metadata.isEmpty
                        ? .plainResponseHeaders : .fields(ServerResponseHeaders.headers(metadata: metadata)))
            }
            responseEncoding = requestedEncoding
            if metadata.isEmpty, enablesEveryEncoding {
                return .headers(.compressedResponseHeaders(responseEncoding))
            }
            return .headers(
                .fields(
                    ServerResponseHeaders.headers(
                        metadata: metadata, encoding: responseEncoding, acceptEncoding: compression.acceptEncodingHeader
                    )))
        case (.idle, .status(let status, let metadata)):
            outbound = .closed
            return .endOfStream(.fields(ServerResponseHeaders.trailersOnly(status: status, metadata: metadata)))
        case (.headersSent, .message):
            return .message
        case (.headersSent, .status(let status, let metadata)):
            outbound = .closed
            if status.code == .ok, status.message.isEmpty, metadata.isEmpty { return .endOfStream(.okTrailers) }
            return .endOfStream(.fields(ServerResponseHeaders.trailers(status: status, metadata: metadata)))
        case (.idle, .message):
            throw RPCError(code: .internal, message: "response message written before response metadata")
        case (.headersSent, .metadata):
            throw RPCError(code: .internal, message: "response metadata written twice")
        case (.closed, _):
            throw RPCError(code: .internal, message: "response part written after the status")
        }
    }
}
